package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.util.internal.PlatformDependent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the proxy adds to the {@link EngineCore} it runs, all of it confined to the engine's event
 * loop: the transport and loop, the open sessions, the sockets to real servers and the engine's
 * own failure counters. The IPVS state (services, connections, scheduling, timeouts) is the core's.
 */
final class ProxyCore {
    final ProxyOptions options;
    final ProxyTransport transport;
    final EventLoop loop;
    /** The IPVS state the proxy serves from. */
    final EngineCore engine;
    /** The core's connection table, which the relays step per segment. */
    final ConnectionTable table;
    /** The core's protocol states and timeouts. */
    final ProtocolStates states;
    /** The core's reused flow, for a new connection's addressing; the loop is single-threaded. */
    final Flow flow;
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

    ProxyCore(ProxyOptions options, ProxyTransport transport, EventLoop loop, EngineCore engine) {
        this.options = options;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.loop = loop;
        this.descriptors = new DescriptorBudget(options.maxOpenSockets());
        this.engine = Objects.requireNonNull(engine, "engine");
        this.table = engine.table();
        this.states = engine.states();
        this.flow = engine.flow();
        this.realServerChannels = new ReflectiveChannelFactory<>(transport.socketChannel());
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
    }

    /**
     * A new, unregistered socket to a real server: no reads until it is connected, half-closes
     * passed through, the engine's connect timeout, TCP_NODELAY.
     */
    SocketChannel newRealServerChannel() {
        SocketChannel channel = realServerChannels.newChannel();
        configureRelaySocket(channel.config()).setConnectTimeoutMillis(connectTimeoutMillis);
        return channel;
    }

    /**
     * What both sockets of a relay need, client and real server alike: no reads until the relay
     * asks, half-closes passed through, TCP_NODELAY (set only where Netty does not already).
     */
    static SocketChannelConfig configureRelaySocket(SocketChannelConfig config) {
        config.setAutoRead(false);
        config.setAllowHalfClosure(true);
        if (!NODELAY_BY_DEFAULT) {
            config.setOption(ChannelOption.TCP_NODELAY, true);
        }
        return config;
    }

    /** The engine clock's now. */
    long now() {
        return engine.now();
    }

    /** Schedules a new connection past the real servers that already failed it (see EngineCore). */
    int schedule(VirtualService service, Flow newFlow, List<RealServer> failed) {
        return engine.schedule(service, newFlow, failed);
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
     * Ticks the core (its timer wheel and estimator), then closes the sessions whose entries it
     * expired. Nothing else creates entries between the two, so a freed slot cannot have been
     * reused yet.
     */
    void tick() {
        long now = engine.tick();
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
}
