package io.jlvs.proxy;

import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.service.VirtualService;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * service on an address and a non-zero port, bound with SO_REUSEADDR and (epoll) IP_FREEBIND.
 * Firewall-mark services, port-0 services and SCTP need packets, not sockets: they are logged once
 * and skipped. A listener that fails to bind is logged once and tried again at the next change.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final EngineCore core;
    private final EventLoopGroup group;
    private final Map<ServiceKey.Address, Channel> tcp = new HashMap<>();
    private final Map<ServiceKey.Address, UdpListener> udp = new HashMap<>();
    private final Set<ServiceKey> toldUnproxied = new HashSet<>();
    private final Set<ServiceKey> toldBindFailure = new HashSet<>();
    private boolean closed;

    Listeners(EngineCore core, EventLoopGroup group) {
        this.core = core;
        this.group = group;
    }

    /**
     * Binds a listener for each proxied service that has none, and closes those of gone services.
     *
     * @return the binds started, to wait on
     */
    List<ChannelFuture> reconcile() {
        List<ChannelFuture> binds = new ArrayList<>();
        if (closed) {
            return binds;
        }
        Set<ServiceKey.Address> wanted = new LinkedHashSet<>();
        for (VirtualService service : core.services.services()) {
            ServiceKey key = service.key();
            if (key instanceof ServiceKey.Address a && a.port() != 0 && a.protocol() != Protocol.SCTP) {
                wanted.add(a);
            } else if (toldUnproxied.add(key)) {
                LOG.warn("service {} cannot be proxied (the proxy engine serves TCP and UDP services on an address"
                        + " and a non-zero port; firewall marks, port 0 and SCTP need the packet engine): skipped", key);
            }
        }
        toldUnproxied.retainAll(core.services.services().stream().map(VirtualService::key).toList());
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
            if (key.protocol() == Protocol.TCP && !tcp.containsKey(key)) {
                binds.add(bindTcp(key));
            } else if (key.protocol() == Protocol.UDP && !udp.containsKey(key)) {
                binds.add(bindUdp(key));
            }
        }
        return binds;
    }

    private ChannelFuture bindTcp(ServiceKey.Address key) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(core.transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // Netty turns TCP_NODELAY on by default (Linux): not a second setsockopt per socket
                .childOption(ChannelOption.TCP_NODELAY, EngineCore.NODELAY_BY_DEFAULT ? null : Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RelayHandler(new TcpRelay(core, ch), TcpRelay.CLIENT));
                    }
                });
        if (core.transport.freebind()) {
            bootstrap.option(EpollChannelOption.IP_FREEBIND, true);
        }
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(key.address(), key.port()));
        core.descriptors.track(bound.channel());
        tcp.put(key, bound.channel());
        bound.addListener(f -> bindDone(key, f.isSuccess(), f.cause(), () -> tcp.remove(key, bound.channel())));
        return bound;
    }

    private ChannelFuture bindUdp(ServiceKey.Address key) {
        InetSocketAddress address = new InetSocketAddress(key.address(), key.port());
        UdpListener listener = new UdpListener(core, address);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(core.transport.datagramChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(listener);
        if (core.transport.freebind()) {
            bootstrap.option(EpollChannelOption.IP_FREEBIND, true);
        }
        ChannelFuture bound = bootstrap.bind(address);
        core.descriptors.track(bound.channel());
        listener.channel(bound.channel());
        udp.put(key, listener);
        bound.addListener(f -> bindDone(key, f.isSuccess(), f.cause(), () -> udp.remove(key, listener)));
        return bound;
    }

    private void bindDone(ServiceKey.Address key, boolean success, Throwable cause, Runnable forget) {
        if (success) {
            toldBindFailure.remove(key);
            LOG.info("proxying {} {}:{}", key.protocol(), key.address().getHostAddress(), key.port());
            return;
        }
        forget.run();
        if (toldBindFailure.add(key)) {
            LOG.warn("cannot listen on {} {}:{}: {} (tried again at the next change)", key.protocol(),
                    key.address().getHostAddress(), key.port(), cause == null ? "unknown" : cause.toString());
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
