package io.jlvs.director;

import io.jlvs.core.conn.ConnectionFlags;
import io.jlvs.core.conn.ConnectionScheduler;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.proto.PacketDirection;
import io.jlvs.core.proto.SctpStateTable;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.VirtualService;
import io.jlvs.packet.FrameVerdict;
import io.jlvs.packet.IpProtocol;
import io.jlvs.packet.NetworkBytes;
import io.jlvs.packet.ParsedFrame;
import io.jlvs.packet.TcpHeader;
import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.FrameReceiver;

import java.lang.foreign.MemorySegment;

/**
 * A worker's per-frame work, ip_vs_in and ip_vs_out in one: parse the frame; find its connection
 * by the request tuple, else by the reply tuple; else, for a service's new flow (a TCP SYN, any
 * UDP or SCTP packet), schedule it with the core; drive the protocol state and counters; and hand
 * the packet to the connection's transmitter. Frames that are not jlvsd's (ARP, other hosts'
 * traffic, the director's own) are left to the kernel, which sees them too; everything dropped is
 * counted by reason. No allocation, no locks, no logging.
 *
 * <p>Firewall-mark services: a mark the user's netfilter rules set comes after the AF_PACKET port
 * saw the frame, so marked packets come a second way, {@link #onMarkedFrame}, with their mark.
 * That way owns the connections it schedules (their entries carry the mark): a frame of such a
 * connection from the port is left to the kernel, which marks it and hands it up again; a marked
 * packet of a connection of an address service, or a reply, is the port's and counted as a copy.
 */
final class Forwarder implements FrameReceiver {
    private static final int SCTP_CHUNK_TYPE_OFFSET = 12;
    /** Fragmented datagrams a worker follows at once. */
    private static final int FRAGMENTED_DATAGRAMS = 4096;

    private final EngineCore core;
    private final ConnectionTable table;
    private final Flow flow;
    private final ServiceIndex services = new ServiceIndex();
    private final ForwardingCounters counters;
    private final CurrentFrame frame = new CurrentFrame();
    /** By forwarding method (ConnectionFlags.FWD_MASK); null for methods with no transmitter. */
    private final Transmitter[] transmitters = new Transmitter[ConnectionFlags.FWD_MASK + 1];
    private final LocalAddressBinder fullNat;
    private final IcmpRelay icmp;
    private final FragmentTable fragments = new FragmentTable(FRAGMENTED_DATAGRAMS);
    private final int[] source = new int[4];
    private final int[] destination = new int[4];
    /** A marked packet's offloads (see MarkedOffload). */
    private final FrameOffload marked = new FrameOffload().clear();
    /** The smallest MTU of the worker's ports: what a marked packet must fit or be cut to. */
    private final int mtu;

    Forwarder(EngineCore core, ForwardingCounters counters, Egress egress, Transmitter nat, Transmitter directRoute,
              Transmitter tunnel, Transmitter fullNatTransmitter, LocalAddressBinder fullNat) {
        this.mtu = egress.smallestMtu();
        this.core = core;
        this.table = core.table();
        this.flow = core.flow();
        this.counters = counters;
        this.fullNat = fullNat;
        transmitters[ConnectionFlags.MASQ] = nat;
        transmitters[ConnectionFlags.DROUTE] = directRoute;
        transmitters[ConnectionFlags.TUNNEL] = tunnel;
        transmitters[ConnectionFlags.FULLNAT] = fullNatTransmitter;
        this.icmp = new IcmpRelay(table, flow, egress, transmitters, counters);
    }

    /** Re-reads the core's services after a change of the table (the worker's thread). */
    void servicesChanged() {
        services.rebuild(core.services());
    }

    /** Sets the time every frame of the next batch is handled at. */
    void beginBatch(long nowNanos) {
        frame.now = nowNanos;
    }

    /** The counters (the worker's thread). */
    ForwardingCounters counters() {
        return counters;
    }

    @Override
    public void onFrame(MemorySegment buffer, long offset, int length, FrameOffload offload) {
        handle(buffer, offset, length, offload, 0);
    }

    /**
     * A packet netfilter marked (firewall-mark services), as a frame: the IP packet after a
     * synthetic Ethernet header whose type says the family.
     */
    void onMarkedFrame(MemorySegment buffer, long offset, int length, int mark) {
        handle(buffer, offset, length, marked, mark);
    }

    /** A frame from the port (mark 0) or a marked packet. */
    private void handle(MemorySegment buffer, long offset, int length, FrameOffload offload, int mark) {
        counters.received++;
        ParsedFrame parsed = frame.parsed;
        int verdict = parsed.parse(buffer, offset, length);
        if (verdict != FrameVerdict.OK) {
            counters.malformed[verdict]++;
            return;
        }
        int family = parsed.family();
        if (family != ParsedFrame.FAMILY_IPV4 && family != ParsedFrame.FAMILY_IPV6) {
            counters.passedToKernel++;
            return;
        }
        frame.segment = buffer;
        frame.offset = offset;
        frame.length = length;
        frame.offload = offload;
        frame.laterFragment = false;
        readAddresses(parsed);
        int protocol = parsed.l4Protocol();
        Protocol transport = transport(protocol);
        if (transport == null) {
            if (mark != 0) {
                counters.drop(DropReason.NO_SERVICE); // jlvsd's rule hands up TCP, UDP and SCTP only
            } else if (!isIcmpError(parsed)) {
                counters.passedToKernel++; // ping to the VIP and other protocols are the kernel's
            } else if (!icmp.relay(frame)) {
                if (services.isVip(family, destination[0], destination[1], destination[2], destination[3])) {
                    counters.drop(DropReason.ICMP_NO_CONNECTION);
                } else {
                    counters.passedToKernel++;
                }
            }
            return;
        }
        if (parsed.fragmentState() == ParsedFrame.LATER_FRAGMENT) {
            if (mark != 0) {
                counters.drop(DropReason.MARKED_COPY); // the port's copy follows its first fragment
            } else {
                laterFragment(family, protocol);
            }
            return;
        }
        long l4 = parsed.l4Offset();
        setFlow(parsed, transport, NetworkBytes.u16(buffer, l4), NetworkBytes.u16(buffer, l4 + 2), mark);
        int slot = table.findInbound(flow);
        if (slot != ConnectionTable.NONE) {
            if ((table.fwmark(slot) != 0) == (mark != 0)) {
                if (mark == 0 || markedFits(parsed, buffer)) {
                    request(slot, transport);
                }
            } else if (mark != 0) {
                counters.drop(DropReason.MARKED_COPY);
            } else {
                counters.passedToKernel++; // a firewall-mark connection's: it comes back marked
            }
            return;
        }
        slot = table.findOutbound(flow);
        if (slot != ConnectionTable.NONE) {
            if (mark != 0) {
                counters.drop(DropReason.MARKED_COPY);
            } else {
                reply(slot, transport);
            }
            return;
        }
        if (mark == 0 || markedFits(parsed, buffer)) {
            newFlow(transport);
        }
    }

    /** Readies a marked packet for a port; false (counted) when it is too big and cannot be cut. */
    private boolean markedFits(ParsedFrame parsed, MemorySegment buffer) {
        if (MarkedOffload.prepare(parsed, buffer, marked, mtu)) {
            return true;
        }
        counters.drop(DropReason.UNSUPPORTED_OFFLOAD);
        return false;
    }

    private static boolean isIcmpError(ParsedFrame parsed) {
        if (!parsed.hasTransportHeader()) {
            return false;
        }
        return switch (parsed.l4Protocol()) {
            case IpProtocol.ICMP -> parsed.family() == ParsedFrame.FAMILY_IPV4 && parsed.icmp().isError();
            case IpProtocol.ICMPV6 -> parsed.family() == ParsedFrame.FAMILY_IPV6 && parsed.icmpv6().isError();
            default -> false;
        };
    }

    private static Protocol transport(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> Protocol.TCP;
            case IpProtocol.UDP -> Protocol.UDP;
            case 132 -> Protocol.SCTP;
            default -> null;
        };
    }

    private void readAddresses(ParsedFrame parsed) {
        if (parsed.family() == ParsedFrame.FAMILY_IPV4) {
            source[0] = parsed.ipv4().source();
            destination[0] = parsed.ipv4().destination();
            source[1] = source[2] = source[3] = destination[1] = destination[2] = destination[3] = 0;
        } else {
            for (int i = 0; i < 4; i++) {
                source[i] = parsed.ipv6().source(i);
                destination[i] = parsed.ipv6().destination(i);
            }
        }
    }

    /** The datagram's identification (IPv4 header, or IPv6 fragment header). */
    private static int identification(ParsedFrame parsed) {
        return parsed.family() == ParsedFrame.FAMILY_IPV4 ? parsed.ipv4().identification()
                : parsed.ipv6Extensions().fragmentIdentification();
    }

    /** Notes a first fragment's connection, so that the datagram's later fragments follow it. */
    private void rememberIfFirstFragment(int slot, int packetDirection) {
        ParsedFrame parsed = frame.parsed;
        if (parsed.fragmentState() == ParsedFrame.FIRST_FRAGMENT) {
            fragments.remember(parsed.family(), source, destination, parsed.l4Protocol(), identification(parsed), slot,
                    packetDirection, frame.now);
        }
    }

    /** A fragment without ports: it follows its datagram's first fragment, or is dropped. */
    private void laterFragment(int family, int protocol) {
        int cell = fragments.find(family, source, destination, protocol, identification(frame.parsed), frame.now);
        int slot = cell == FragmentTable.NONE ? ConnectionTable.NONE : fragments.slot(cell);
        if (slot == ConnectionTable.NONE || !table.isLive(slot)) {
            if (services.isVip(family, destination[0], destination[1], destination[2], destination[3])) {
                counters.drop(DropReason.FRAGMENT);
            } else {
                counters.passedToKernel++;
            }
            return;
        }
        frame.laterFragment = true;
        Transmitter transmitter = transmitters[table.flags(slot) & ConnectionFlags.FWD_MASK];
        if (fragments.direction(cell) == PacketDirection.INPUT) {
            table.countIn(slot, frame.ipLength());
            if (transmitter == null) {
                counters.passedToKernel++;
            } else {
                transmitter.toRealServer(frame, slot);
            }
        } else {
            table.countOut(slot, frame.ipLength());
            transmitter.toClient(frame, slot);
        }
    }

    private void setFlow(ParsedFrame parsed, Protocol transport, int sourcePort, int destinationPort, int mark) {
        if (parsed.family() == ParsedFrame.FAMILY_IPV4) {
            flow.setIpv4(transport, parsed.ipv4().source(), sourcePort, destination[0], destinationPort);
        } else {
            flow.setIpv6(transport, sourcePort, destinationPort);
            for (int i = 0; i < 4; i++) {
                flow.sourceWord(i, parsed.ipv6().source(i)).destinationWord(i, destination[i]);
            }
        }
        flow.setMark(mark);
    }

    /** Traffic of no connection and no service: jlvsd's only when it is addressed to a VIP. */
    private void notJlvsd(int family) {
        if (services.isVip(family, destination[0], destination[1], destination[2], destination[3])) {
            counters.drop(DropReason.NO_SERVICE);
        } else {
            counters.passedToKernel++;
        }
    }

    /** A packet from a client of an existing connection (ip_vs_in with a connection found). */
    private void request(int slot, Protocol transport) {
        switch (table.admit(slot, frame.now)) {
            case ConnectionTable.ADMIT -> forwardRequest(slot, transport);
            case ConnectionTable.RESCHEDULE -> newFlow(transport);
            default -> counters.drop(DropReason.REAL_SERVER_GONE);
        }
    }

    private void forwardRequest(int slot, Protocol transport) {
        table.inbound(slot, event(transport), frame.ipLength(), frame.now);
        Transmitter transmitter = transmitters[table.flags(slot) & ConnectionFlags.FWD_MASK];
        if (transmitter == null) {
            counters.passedToKernel++; // LOCALNODE: the director itself serves it
            return;
        }
        transmitter.toRealServer(frame, slot);
        rememberIfFirstFragment(slot, PacketDirection.INPUT);
    }

    /** A packet from a real server (ip_vs_out): only NAT and FULLNAT replies are jlvsd's. */
    private void reply(int slot, Protocol transport) {
        int method = table.flags(slot) & ConnectionFlags.FWD_MASK;
        if (method != ConnectionFlags.MASQ && method != ConnectionFlags.FULLNAT) {
            counters.passedToKernel++;
            return;
        }
        table.outbound(slot, event(transport), frame.ipLength(), frame.now);
        transmitters[method].toClient(frame, slot);
        rememberIfFirstFragment(slot, PacketDirection.OUTPUT);
    }

    /**
     * No connection: a new flow for a service, or not jlvsd's. A marked packet is for the service
     * of its mark only: the port already offered it to the address services.
     */
    private void newFlow(Protocol transport) {
        ParsedFrame parsed = frame.parsed;
        int mark = flow.mark();
        VirtualService service = mark != 0 ? services.lookupMark(parsed.family(), mark)
                : services.lookup(transport.number(), parsed.family(), destination[0], destination[1],
                destination[2], destination[3], flow.destinationPort(), 0);
        if (service == null) {
            if (mark != 0) {
                counters.drop(DropReason.NO_SERVICE); // the mark's service went while the packet came up
            } else {
                notJlvsd(parsed.family());
            }
            return;
        }
        if (transport == Protocol.TCP) {
            int flags = parsed.tcp().flags();
            // tcp_conn_schedule: only a SYN (without RST) opens a connection
            if ((flags & TcpHeader.SYN) == 0 || (flags & TcpHeader.RST) != 0) {
                counters.drop(DropReason.NO_CONNECTION);
                return;
            }
        }
        int slot = core.schedule(service, flow);
        if (slot < 0) {
            switch (slot) {
                case ConnectionScheduler.NO_DESTINATION -> counters.drop(DropReason.NO_REAL_SERVER);
                case ConnectionScheduler.TABLE_FULL -> counters.drop(DropReason.CONNECTION_TABLE_FULL);
                default -> counters.passedToKernel++; // NOT_SCHEDULED: FTP data from a real server
            }
            return;
        }
        if ((table.flags(slot) & ConnectionFlags.FWD_MASK) == ConnectionFlags.FULLNAT && !fullNat.bind(service, slot)) {
            table.expireNow(slot, frame.now);
            counters.drop(DropReason.NO_LOCAL_ADDRESS);
            return;
        }
        forwardRequest(slot, transport);
    }

    /** The protocol state machine's event for the packet. */
    private int event(Protocol transport) {
        return switch (transport) {
            case TCP -> TcpStateTable.event(frame.parsed.tcp().flags());
            case SCTP -> SctpStateTable.event(NetworkBytes.u8(frame.segment,
                    frame.parsed.l4Offset() + SCTP_CHUNK_TYPE_OFFSET));
            case UDP -> 0;
        };
    }
}
