package io.jlvs.daemon.packet;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.daemon.DaemonStartupException;
import io.jlvs.director.InterfacePort;
import io.jlvs.director.MarkedPacketSource;
import io.jlvs.director.PacketEngine;
import io.jlvs.director.Worker;
import io.jlvs.io.linux.afpacket.AfPacket;
import io.jlvs.io.linux.afpacket.AfPacketOptions;
import io.jlvs.io.linux.afpacket.AfPacketPort;
import io.jlvs.io.linux.netlink.Link;
import io.jlvs.io.linux.netlink.NetfilterLog;
import io.jlvs.io.linux.netlink.NetlinkException;
import io.jlvs.io.linux.netlink.RouteNetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * jlvsd's packet mode put together: an AF_PACKET port on each interface given with --iface, next
 * hops from the kernel's routes and neighbours (rtnetlink), and the packet engine over them. One
 * worker for now: both directions of a NAT connection must reach the worker that owns it, and
 * until the fanout program and the hand-off between workers exist, one worker is what guarantees
 * it. The worker also reads nfnetlink_log group {@link MarkTable#LOG_GROUP} for the packets of
 * firewall-mark services, when it can be bound. The caller installs the kernel guard and the mark
 * table once the table is attached.
 */
public final class PacketDirector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PacketDirector.class);
    /** Connection entries one worker holds at most (its table grows up to this). */
    static final int MAX_ENTRIES = 1 << 22;
    private static final int INITIAL_ENTRIES = 1 << 16;
    /**
     * The ports' rings: the default receive ring, and 240 transmit slots (16 MiB) instead of 60,
     * since bench/packet saw a 60-slot ring full under load (a slot comes back only when the
     * receiving side has taken the frame) and counted transmit_ring_full drops.
     */
    static final AfPacketOptions PORT_RINGS = new AfPacketOptions(256 << 10, 32, 1, 16);

    private final PacketEngine engine;
    private final RouteNetlink netlink;
    private final ExecutorService resolving;
    private final List<String> interfaces;
    private final boolean marks;

    private PacketDirector(PacketEngine engine, RouteNetlink netlink, ExecutorService resolving,
                           List<String> interfaces, boolean marks) {
        this.engine = engine;
        this.marks = marks;
        this.netlink = netlink;
        this.resolving = resolving;
        this.interfaces = interfaces;
    }

    /**
     * Opens the ports and starts the engine.
     *
     * @throws DaemonStartupException naming what is missing: root (CAP_NET_RAW), an interface, the
     *                                Linux bindings
     */
    public static PacketDirector start(List<String> interfaces, boolean expireNodestConn)
            throws DaemonStartupException {
        if (interfaces.isEmpty()) {
            throw new DaemonStartupException("packet mode needs an interface: jlvs daemon --mode packet --iface IF");
        }
        if (!AfPacket.isAvailable()) {
            throw new DaemonStartupException("packet mode cannot start: " + AfPacket.unavailabilityCause().getMessage());
        }
        RouteNetlink netlink;
        try {
            netlink = RouteNetlink.open();
        } catch (NetlinkException e) {
            throw new DaemonStartupException("packet mode cannot read the kernel's routes: " + e.getMessage(), e);
        }
        List<InterfacePort> ports = new ArrayList<>();
        try {
            for (String name : interfaces) {
                Link link = link(netlink, name);
                AfPacketPort port = AfPacketPort.open(name, PORT_RINGS);
                ports.add(new InterfacePort(port, link.index(), KernelNextHops.macValue(port.macAddress())));
                LOG.info("packet mode on {} (index {}, MTU {}, {})", name, link.index(), port.mtu(),
                        link.address());
            }
        } catch (IOException e) {
            ports.forEach(p -> p.port().close());
            netlink.close();
            throw e instanceof DaemonStartupException d ? d
                    : new DaemonStartupException("packet mode cannot open its ports: " + e.getMessage(), e);
        }
        ExecutorService resolving = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("jlvs-next-hops").daemon().factory());
        EngineCore core = new EngineCore(SchedulerContext.standard(), new ConnectionOptions(expireNodestConn, false),
                INITIAL_ENTRIES, MAX_ENTRIES, System::nanoTime);
        MarkedPacketSource marked = markedPackets();
        Worker worker = new Worker(0, core, ports, marked, new KernelNextHops(netlink), resolving);
        PacketEngine engine = new PacketEngine(List.of(worker), MAX_ENTRIES);
        engine.start();
        return new PacketDirector(engine, netlink, resolving, List.copyOf(interfaces),
                marked != MarkedPacketSource.NONE);
    }

    /** nfnetlink_log's group for firewall-mark services, or none (said once) when it cannot be bound. */
    private static MarkedPacketSource markedPackets() {
        if (!NetfilterLog.isAvailable()) {
            LOG.warn("firewall-mark services get no packets in packet mode: {}",
                    NetfilterLog.unavailabilityCause().getMessage());
            return MarkedPacketSource.NONE;
        }
        try {
            return new NetfilterLogSource(NetfilterLog.open(MarkTable.LOG_GROUP));
        } catch (NetlinkException e) {
            LOG.warn("firewall-mark services get no packets in packet mode: {}", e.getMessage());
            return MarkedPacketSource.NONE;
        }
    }

    /** Whether marked packets reach the engine (nfnetlink_log's group is bound), so the mark table may be installed. */
    public boolean marksAvailable() {
        return marks;
    }

    private static Link link(RouteNetlink netlink, String name) throws DaemonStartupException {
        try {
            return netlink.link(name);
        } catch (NetlinkException e) {
            throw new DaemonStartupException("no interface named " + name + " (" + e.getMessage() + ")", e);
        }
    }

    /** The engine, as the control plane's data plane. */
    public PacketEngine engine() {
        return engine;
    }

    /** The interfaces the engine owns. */
    public List<String> interfaces() {
        return interfaces;
    }

    /** Stops the workers and closes the ports and the netlink socket. */
    @Override
    public void close() {
        engine.close();
        resolving.shutdownNow();
        netlink.close();
    }
}
