package io.jlvs.proxy;

import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine's listening sockets, kept in step with the service table: one per TCP or UDP
 * service on an address and a non-zero port, of the address's family, bound with SO_REUSEADDR and
 * (epoll) IP_FREEBIND.
 * Firewall-mark services, port-0 services and SCTP need packets, not sockets: they are logged once
 * and skipped. A service added by a command gets its listener before the command succeeds (a
 * failed bind refuses the command); a listener of a restored table that fails to bind is logged
 * once and tried again at the next change.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    /** The listen queue of a TCP listener. */
    private static final int BACKLOG = 1024;

    private final ProxyCore core;
    private final Map<ServiceKey.Address, Channel> tcp = new HashMap<>();
    private final Map<ServiceKey.Address, UdpListener> udp = new HashMap<>();
    private final Set<ServiceKey> toldUnproxied = new HashSet<>();
    private final Set<ServiceKey> toldBindFailure = new HashSet<>();
    private final ChannelFactory<? extends DatagramChannel> datagramChannels;
    private final TcpAcceptor acceptor;
    private boolean closed;

    Listeners(ProxyCore core) {
        this.core = core;
        this.datagramChannels = new ReflectiveChannelFactory<>(core.transport.datagramChannel());
        this.acceptor = new TcpAcceptor(core);
    }

    /**
     * Binds a listener for each proxied service that has none (a bind that failed before is tried
     * again, and a failure logged once), and closes those of gone services.
     *
     * @return the binds started, to wait on
     */
    List<Future<?>> reconcile() {
        List<Future<?>> binds = new ArrayList<>();
        if (closed) {
            return binds;
        }
        List<ServiceKey> keys = core.engine.serviceKeys();
        Set<ServiceKey.Address> wanted = new LinkedHashSet<>();
        for (ServiceKey key : keys) {
            if (proxiable(key)) {
                wanted.add((ServiceKey.Address) key);
            } else if (toldUnproxied.add(key)) {
                LOG.warn("service {} cannot be proxied (the proxy engine serves TCP and UDP services on an address"
                        + " and a non-zero port; firewall marks, port 0 and SCTP need the packet engine): skipped", key);
            }
        }
        toldUnproxied.retainAll(keys);
        tcp.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        udp.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        for (ServiceKey.Address key : wanted) {
            Future<?> bound = bind(key);
            if (bound != null) {
                bound.addListener(f -> logBind(key, f.isSuccess(), f.cause()));
                binds.add(bound);
            }
        }
        return binds;
    }

    /**
     * Starts the listener of one service, if it is proxied and has none yet. A failed bind leaves
     * no listener behind, and one that would not fit in the descriptor budget fails without a
     * socket; the caller decides what the failure means.
     *
     * @return the bind, or null when there is nothing to bind
     */
    Future<?> bind(ServiceKey key) {
        if (closed || !proxiable(key)) {
            return null;
        }
        ServiceKey.Address address = (ServiceKey.Address) key;
        boolean tcpWanted = address.protocol() == Protocol.TCP && !tcp.containsKey(address);
        if (!tcpWanted && (address.protocol() != Protocol.UDP || udp.containsKey(address))) {
            return null;
        }
        // a listener is counted like any socket: past the budget it would take jlvsd's own reserve
        if (!core.descriptors.admits(1)) {
            return core.loop.newFailedFuture(new IOException("the proxy engine's descriptor budget is spent ("
                    + core.descriptors.open() + " sockets open of " + core.descriptors.maxOpenSockets()
                    + "); raise the descriptor limit (LimitNOFILE=)"));
        }
        return tcpWanted ? bindTcp(address) : bindUdp(address);
    }

    /** Whether the proxy can serve a service: TCP or UDP on an address and a non-zero port. */
    static boolean proxiable(ServiceKey key) {
        return key instanceof ServiceKey.Address a && a.port() != 0 && a.protocol() != Protocol.SCTP;
    }

    /** Why a bind failed, as the system said it ("Permission denied", "Address already in use"). */
    static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        // epoll: "bind(..) failed with error(-98): Address already in use"; NIO: the text alone
        int last = message.lastIndexOf(": ");
        return last >= 0 ? message.substring(last + 2) : message;
    }

    private ChannelFuture bindTcp(ServiceKey.Address key) {
        ServerChannel channel = core.transport.serverChannels().apply(key.family() == AddressFamily.INET6
                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
        channel.config().setOption(ChannelOption.SO_BACKLOG, BACKLOG);
        channel.pipeline().addLast(acceptor);
        ChannelFuture bound = registerAndBind(channel, new InetSocketAddress(key.address(), key.port()));
        tcp.put(key, channel);
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                tcp.remove(key, channel);
            }
        });
        return bound;
    }

    private ChannelFuture bindUdp(ServiceKey.Address key) {
        InetSocketAddress address = new InetSocketAddress(key.address(), key.port());
        UdpListener listener = new UdpListener(core, address);
        DatagramChannel channel = datagramChannels.newChannel();
        channel.config().setOption(ChannelOption.SO_REUSEADDR, true);
        channel.pipeline().addLast(listener);
        ChannelFuture bound = registerAndBind(channel, address);
        listener.channel(channel);
        udp.put(key, listener);
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                udp.remove(key, listener);
            }
        });
        return bound;
    }

    /**
     * Registers a listening socket built by hand (no Bootstrap per service: no option maps, no
     * initializer task, no resolver) and binds it, on epoll with IP_FREEBIND. (A TCP listener has
     * SO_REUSEADDR from its transport already, Netty's epoll and the JDK's NIO alike: not set twice.)
     * On the loop thread both complete at once, so 10,000 listeners cost 10,000 binds and little
     * else. A socket that fails either step is closed.
     */
    private ChannelFuture registerAndBind(Channel channel, InetSocketAddress address) {
        if (core.transport.freebind()) {
            channel.config().setOption(EpollChannelOption.IP_FREEBIND, true);
        }
        core.descriptors.track(channel);
        ChannelFuture registered = core.loop.register(channel);
        if (registered.isDone()) {
            return registered.isSuccess() ? channel.bind(address).addListener(ChannelFutureListener.CLOSE_ON_FAILURE)
                    : closeForcibly(registered);
        }
        ChannelPromise bound = channel.newPromise();
        registered.addListener(r -> {
            if (r.isSuccess()) {
                channel.bind(address, bound).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            } else {
                closeForcibly(registered);
                bound.setFailure(r.cause());
            }
        });
        return bound;
    }

    private static ChannelFuture closeForcibly(ChannelFuture failed) {
        failed.channel().unsafe().closeForcibly();
        return failed;
    }

    /**
     * A listener the table wants but could not bind is logged once, and tried again at the next
     * change; one that binds is logged at info only when it had failed (a restored table of 10,000
     * services would otherwise log 10,000 lines at start).
     */
    private void logBind(ServiceKey.Address key, boolean success, Throwable cause) {
        if (success) {
            if (toldBindFailure.remove(key)) {
                LOG.info("now listening on {}", EngineCore.describe(key));
            } else {
                LOG.debug("proxying {}", EngineCore.describe(key));
            }
        } else if (toldBindFailure.add(key)) {
            LOG.warn("cannot listen on {}: {} (tried again at the next change)", EngineCore.describe(key), reason(cause));
        }
    }

    /** The services being listened for. */
    Set<ServiceKey.Address> bound() {
        Set<ServiceKey.Address> keys = new HashSet<>(tcp.keySet());
        keys.addAll(udp.keySet());
        keys.removeIf(k -> {
            Channel ch = k.protocol() == Protocol.TCP ? tcp.get(k) : null;
            return ch != null && !ch.isActive();
        });
        return keys;
    }

    /** Stops accepting: closes every listener (UDP sessions end with theirs). */
    void closeAll() {
        closed = true;
        tcp.values().forEach(Channel::close);
        tcp.clear();
        udp.values().forEach(UdpListener::close);
        udp.clear();
    }
}
