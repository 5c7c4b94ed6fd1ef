package io.jlvs.core.conn;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.proto.PacketDirection;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.proto.SctpStateTable;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Makes the connection entry for the first packet of a new flow, as the kernel's ip_vs_schedule
 * and ip_vs_sched_persist: persistence first (a live template whose destination is still
 * available wins), then the service's scheduler, then an entry bound to the chosen destination.
 *
 * <p>Persistence templates are keyed by the client address masked with the service's netmask
 * (client port 0) and by the virtual service: protocol, VIP and port for a request to the service
 * port (port 0 for FTP, port 21); for a port-0 service the VIP with port 0; for a firewall-mark
 * service IPPROTO_IP with the mark in place of the VIP. A template lives for the service's
 * persistence timeout after its last use, and longer while it controls connections.
 *
 * <p>Scheduling allocates nothing once the destination has been registered (first use).
 */
public final class ConnectionScheduler {
    /** No destination: no scheduler pick, or a non-persistent service asked on another port. */
    public static final int NO_DESTINATION = -1;
    /** The connection table is full. */
    public static final int TABLE_FULL = -2;
    /** Not scheduled by rule: the packet passes unbalanced (the kernel's *ignored = 1). */
    public static final int NOT_SCHEDULED = -3;

    private static final int FTP_PORT = 21;
    private static final int FTP_DATA_PORT = 20;
    private static final long SECOND = 1_000_000_000L;

    private final ConnectionTable table;
    private final ConnectionKey connectionKey = new ConnectionKey();
    private final ConnectionKey templateKey = new ConnectionKey();

    public ConnectionScheduler(ConnectionTable table) {
        this.table = table;
    }

    public ConnectionTable table() {
        return table;
    }

    /**
     * Schedules a new connection for the flow's first packet (ip_vs_schedule).
     *
     * @return the new entry's slot, NO_DESTINATION, TABLE_FULL or NOT_SCHEDULED
     */
    public int schedule(VirtualService service, Flow flow, long nowNanos) {
        if (flow.sourcePort() == FTP_DATA_PORT) {
            return NOT_SCHEDULED; // active FTP data from a real server is never scheduled
        }
        ServiceSpec spec = service.spec();
        if (spec.persistent()) {
            return schedulePersistent(service, flow, nowNanos);
        }
        int servicePort = servicePort(spec.key());
        int mark = serviceMark(spec.key());
        if (mark == 0 && flow.destinationPort() != servicePort) {
            return NO_DESTINATION; // port zero is only supported in persistent services
        }
        RealServer server = service.scheduler().schedule(service, flow, nowNanos);
        if (server == null) {
            return NO_DESTINATION;
        }
        int destIndex = table.registry().register(service, server);
        int destPort = server.port() != 0 ? server.port() : flow.destinationPort();
        int slot = table.create(connectionKey.setInbound(flow), destIndex, destPort, onePacketFlag(spec, flow),
                flow.mark(), nowNanos);
        if (slot == ConnectionTable.NONE) {
            return TABLE_FULL;
        }
        server.stats().countConnection();
        service.stats().countConnection();
        return slot;
    }

    private int schedulePersistent(VirtualService service, Flow flow, long nowNanos) {
        ServiceSpec spec = service.spec();
        int servicePort = servicePort(spec.key());
        int mark = serviceMark(spec.key());
        int destinationPort = flow.destinationPort();
        fillTemplateKey(spec, flow, servicePort, mark);

        int template = table.findIn(templateKey, true);
        if (template != ConnectionTable.NONE && !checkTemplate(template)) {
            template = ConnectionTable.NONE;
        }
        RealServer server;
        if (template == ConnectionTable.NONE) {
            server = service.scheduler().schedule(service, flow, nowNanos);
            if (server == null) {
                return NO_DESTINATION;
            }
            int templatePort = destinationPort == servicePort && servicePort != FTP_PORT ? server.port() : 0;
            int destIndex = table.registry().register(service, server);
            template = table.create(templateKey, destIndex, templatePort, ConnectionFlags.TEMPLATE, flow.mark(),
                    nowNanos);
            if (template == ConnectionTable.NONE) {
                return TABLE_FULL;
            }
            table.setTimeout(template, spec.timeout() * SECOND);
        } else {
            server = table.destination(template);
        }

        int destPort = destinationPort;
        if (destPort == servicePort && server.port() != 0) {
            destPort = server.port();
        }
        int destIndex = table.registry().register(service, server);
        int slot = table.create(connectionKey.setInbound(flow), destIndex, destPort, onePacketFlag(spec, flow),
                flow.mark(), nowNanos);
        if (slot == ConnectionTable.NONE) {
            table.touch(template, nowNanos);
            return TABLE_FULL;
        }
        table.control(slot, template);
        table.touch(template, nowNanos);
        server.stats().countConnection();
        service.stats().countConnection();
        return slot;
    }

    /**
     * Whether a template may still be used (ip_vs_check_template): its destination must be
     * available, and with expire_quiescent_template have a non-zero weight. A template that may
     * not is invalidated.
     */
    private boolean checkTemplate(int template) {
        RealServer server = table.destination(template);
        if (server == null || !server.isAvailable()
                || (table.options().expireQuiescentTemplate() && server.weight() == 0)) {
            table.invalidateTemplate(template);
            return false;
        }
        return true;
    }

    private void fillTemplateKey(ServiceSpec spec, Flow flow, int servicePort, int mark) {
        ConnectionKey key = templateKey;
        key.protocol = flow.protocol().number();
        key.family = flow.family();
        maskClient(spec, flow, key.client);
        key.clientPort = 0;
        for (int i = 0; i < 4; i++) {
            key.virtual[i] = flow.destinationWord(i);
        }
        key.virtualPort = 0;
        if (flow.destinationPort() == servicePort) {
            if (servicePort != FTP_PORT) {
                key.virtualPort = flow.destinationPort();
            }
        } else if (mark != 0) {
            key.protocol = ProtocolStates.IPPROTO_IP;
            key.virtual[0] = mark;
            key.virtual[1] = key.virtual[2] = key.virtual[3] = 0;
        }
    }

    /** The client address masked with the service's netmask (IPv4) or prefix length (IPv6). */
    private static void maskClient(ServiceSpec spec, Flow flow, int[] out) {
        if (flow.family() == AddressFamily.INET) {
            out[0] = flow.sourceWord(0) & spec.netmask();
            out[1] = out[2] = out[3] = 0;
            return;
        }
        int prefix = spec.netmask();
        for (int i = 0; i < 4; i++) {
            int bits = Math.max(0, Math.min(32, prefix - i * 32));
            int wordMask = bits == 0 ? 0 : -1 << (32 - bits);
            out[i] = flow.sourceWord(i) & wordMask;
        }
    }

    private static int onePacketFlag(ServiceSpec spec, Flow flow) {
        return spec.onePacket() && flow.protocol() == Protocol.UDP ? ConnectionFlags.ONE_PACKET : 0;
    }

    private static int servicePort(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Address address -> address.port();
            case ServiceKey.Mark ignored -> 0;
        };
    }

    private static int serviceMark(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Address ignored -> 0;
            case ServiceKey.Mark mark -> mark.mark();
        };
    }

    /**
     * For jlvs simulate: schedules a new connection for the flow and walks it through its
     * protocol's handshake in the state tables, so the destination counts it as the kernel would
     * after the handshake. TCP: client SYN, server SYN-ACK, client ACK (when replies bypass the
     * director, as with DR and TUN, only the client's SYN and ACK, read in the INPUT_ONLY table);
     * SCTP: INIT, INIT-ACK, COOKIE-ECHO, COOKIE-ACK (INIT and COOKIE-ECHO without replies); both
     * end ESTABLISHED and in ActiveConn. UDP: one datagram; UDP connections are InActConn in the
     * kernel too. Packet counters are left alone; the connection counts in the stats.
     *
     * @return the chosen real server, or null when none could be scheduled
     */
    public RealServer establish(VirtualService service, Flow flow, long nowNanos) {
        int slot = schedule(service, flow, nowNanos);
        if (slot < 0) {
            return null;
        }
        RealServer server = table.destination(slot);
        boolean replies = (table.flags(slot) & ConnectionFlags.NOOUTPUT) == 0;
        switch (flow.protocol()) {
            case TCP -> {
                step(slot, PacketDirection.INPUT, TcpStateTable.event(TcpStateTable.FLAG_SYN), nowNanos);
                if (replies) {
                    step(slot, PacketDirection.OUTPUT,
                            TcpStateTable.event(TcpStateTable.FLAG_SYN | TcpStateTable.FLAG_ACK), nowNanos);
                }
                step(slot, PacketDirection.INPUT, TcpStateTable.event(TcpStateTable.FLAG_ACK), nowNanos);
            }
            case SCTP -> {
                step(slot, PacketDirection.INPUT, SctpStateTable.event(SctpStateTable.CHUNK_INIT), nowNanos);
                if (replies) {
                    step(slot, PacketDirection.OUTPUT, SctpStateTable.event(SctpStateTable.CHUNK_INIT_ACK), nowNanos);
                }
                step(slot, PacketDirection.INPUT, SctpStateTable.event(SctpStateTable.CHUNK_COOKIE_ECHO), nowNanos);
                if (replies) {
                    step(slot, PacketDirection.OUTPUT, SctpStateTable.event(SctpStateTable.CHUNK_COOKIE_ACK),
                            nowNanos);
                }
            }
            case UDP -> step(slot, PacketDirection.INPUT, 0, nowNanos);
        }
        return server;
    }

    private void step(int slot, int direction, int event, long nowNanos) {
        if (!table.isLive(slot)) {
            return;
        }
        table.transition(slot, direction, event);
        table.touch(slot, nowNanos);
    }
}
