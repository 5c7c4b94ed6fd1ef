package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.conn.ConnectionScheduler;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.conn.DestinationRegistry;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.core.service.VirtualServiceTable;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.util.internal.PlatformDependent;

import java.util.ArrayList;
import java.util.List;

/**
 * The IPVS core state one engine owns, all of it confined to the engine's event loop: the service
 * table, the connection table with its scheduler and protocol states, the open sessions and the
 * engine's own failure counters.
 */
final class EngineCore {
    final ProxyOptions options;
    final ProxyTransport transport;
    final EventLoop loop;
    final VirtualServiceTable services = new VirtualServiceTable(SchedulerContext.standard());
    final ProtocolStates states = new ProtocolStates();
    final DestinationRegistry registry = new DestinationRegistry();
    final ConnectionTable table;
    final ConnectionScheduler scheduler;
    /** Reused for every new connection's addressing; the loop is single-threaded. */
    final Flow flow = new Flow();
    /**
     * Whether Netty turns TCP_NODELAY on in every new socket's config already (it does on Linux):
     * setting it again would cost a setsockopt per socket.
     */
    static final boolean NODELAY_BY_DEFAULT = PlatformDependent.canEnableTcpNoDelayByDefault();
    private final ChannelFactory<? extends SocketChannel> realServerChannels;
    private final int connectTimeoutMillis;
    private final ArrayList<Session> sessions = new ArrayList<>();
    private int tcpSessions;

    /** Connect attempts to real servers that failed (refused, timed out, unreachable). */
    long connectFailures;
    /** Clients reset because no attempt succeeded or nothing could be scheduled. */
    long clientResets;
    /**
     * New connections or datagrams for which the scheduler had no real server (or the table was full
     * at {@link ProxyOptions#maxConnections()}).
     */
    long unscheduled;
    /** The sockets the engine holds, against its descriptor budget. */
    final DescriptorBudget descriptors;

    EngineCore(ProxyOptions options, ProxyTransport transport, EventLoop loop) {
        this.options = options;
        this.transport = transport;
        this.loop = loop;
        this.descriptors = new DescriptorBudget(options.maxOpenSockets());
        // Starts small and grows (allocating, rarely) up to the configured maximum.
        this.table = new ConnectionTable(Math.min(ProxyOptions.INITIAL_CONNECTIONS, options.maxConnections()),
                options.maxConnections(), states, registry,
                new ConnectionOptions(options.expireNodestConn(), false), now());
        this.scheduler = new ConnectionScheduler(table);
        // (no transport: a core built for its tables alone, which never connects)
        this.realServerChannels = transport == null ? null : new ReflectiveChannelFactory<>(transport.socketChannel());
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
    }

    /**
     * A new, unregistered socket to a real server: no reads until it is connected, half-closes
     * passed through, the engine's connect timeout, TCP_NODELAY.
     */
    SocketChannel newRealServerChannel() {
        SocketChannel channel = realServerChannels.newChannel();
        SocketChannelConfig config = channel.config();
        config.setAutoRead(false);
        config.setAllowHalfClosure(true);
        config.setConnectTimeoutMillis(connectTimeoutMillis);
        if (!NODELAY_BY_DEFAULT) {
            config.setOption(ChannelOption.TCP_NODELAY, true);
        }
        return channel;
    }

    long now() {
        return System.nanoTime();
    }

    /**
     * Schedules a new connection, passing over the real servers that already failed this client's
     * connect attempts: they are flagged OVERLOAD for the one call, which every scheduler skips as
     * the kernel's do, and restored after. A persistence template still wins, as in the kernel.
     *
     * @return the entry's slot, or a negative ConnectionScheduler verdict
     */
    int schedule(VirtualService service, Flow newFlow, List<RealServer> failed) {
        long now = now();
        if (failed.isEmpty()) {
            return scheduler.schedule(service, newFlow, now);
        }
        boolean[] wasOverloaded = new boolean[failed.size()];
        for (int i = 0; i < failed.size(); i++) {
            wasOverloaded[i] = failed.get(i).isOverloaded();
            failed.get(i).setOverloaded(true);
        }
        try {
            return scheduler.schedule(service, newFlow, now);
        } finally {
            for (int i = 0; i < failed.size(); i++) {
                failed.get(i).setOverloaded(wasOverloaded[i]);
            }
        }
    }

    void open(Session session) {
        session.position(sessions.size());
        sessions.add(session);
        if (session.isTcp()) {
            tcpSessions++;
        }
    }

    void closed(Session session) {
        int at = session.position();
        if (at < 0 || at >= sessions.size() || sessions.get(at) != session) {
            return;
        }
        Session last = sessions.removeLast();
        if (last != session) {
            sessions.set(at, last);
            last.position(at);
        }
        session.position(-1);
        if (session.isTcp()) {
            tcpSessions--;
        }
    }

    int tcpSessions() {
        return tcpSessions;
    }

    int udpSessions() {
        return sessions.size() - tcpSessions;
    }

    /** The open sessions, copied so callers may close them while walking. */
    List<Session> sessions() {
        return List.copyOf(sessions);
    }

    /**
     * Runs the timer wheel, then closes the sessions whose entries it expired. Nothing else creates
     * entries between the two, so a freed slot cannot have been reused yet.
     */
    void expire() {
        long now = now();
        table.expire(now);
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (i >= sessions.size()) {
                continue;
            }
            Session session = sessions.get(i);
            if (session.isExpired(table, now)) {
                closed(session);
                session.expired();
            }
        }
    }

    /** With expire_nodest_conn: resets the sessions whose real server is no longer available. */
    void expireNodestSessions() {
        if (!options.expireNodestConn()) {
            return;
        }
        long now = now();
        for (Session session : sessions()) {
            int slot = session.slot();
            if (slot == ConnectionTable.NONE || !table.isLive(slot)) {
                continue;
            }
            RealServer server = table.destination(slot);
            if (server != null && !server.isAvailable()) {
                session.abort();
                if (table.isLive(slot)) {
                    table.expireNow(slot, now);
                }
            }
        }
    }

    /** The 2-second estimator tick of every service and real server; forgets unused deleted servers. */
    void estimate() {
        for (VirtualService service : services.services()) {
            service.stats().estimate();
            for (RealServer dest : service.destinations()) {
                dest.stats().estimate();
            }
            service.emptyTrash();
        }
        registry.prune();
    }
}
