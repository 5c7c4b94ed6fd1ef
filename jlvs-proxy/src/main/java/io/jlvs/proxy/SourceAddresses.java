package io.jlvs.proxy;

import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.service.LocalAddress;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;

import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * FULLNAT local addresses in the proxy: a socket to a --fullnat real server of a service that has
 * local addresses leaves from one of them, taken round robin as Alibaba's ip_vs_get_laddr takes
 * them. An address the socket cannot be bound to (not on this host, or out of ports) counts a
 * conflict and the next is tried, each at most once. An address counts as held by a connection
 * while its socket is open, so ipvsadm -G shows the connections on each.
 */
final class SourceAddresses {
    private SourceAddresses() {
    }

    /**
     * Binds a registered socket to the service's next local address that takes it, on the socket's
     * event loop (where a bind is done when the call returns).
     *
     * @return whether the socket may connect: it is bound, or it needs no local address
     */
    static boolean bind(Channel channel, VirtualService service, RealServer dest) {
        int count = service.localAddressCount();
        if (count == 0 || dest.method() != ForwardMethod.FULLNAT) {
            return true;
        }
        for (int i = 0; i < count; i++) {
            LocalAddress local = service.nextLocalAddress();
            ChannelFuture bound = channel.bind(new InetSocketAddress(local.address(), 0));
            if (bound.isSuccess()) {
                local.connectionOpened();
                channel.closeFuture().addListener(closed -> local.connectionClosed());
                return true;
            }
            local.conflict();
        }
        return false;
    }

    /**
     * Registers the bootstrap's socket, binds it as {@link #bind} does and connects it to target;
     * the future fails when no local address could be bound.
     */
    static ChannelFuture connect(Bootstrap bootstrap, InetSocketAddress target, VirtualService service,
                                 RealServer dest) {
        ChannelFuture registered = bootstrap.register();
        Channel channel = registered.channel();
        ChannelPromise connected = channel.newPromise();
        registered.addListener(r -> {
            if (!r.isSuccess()) {
                connected.setFailure(r.cause());
            } else if (bind(channel, service, dest)) {
                channel.connect(target, connected);
            } else {
                channel.close();
                connected.setFailure(unbound(service));
            }
        });
        return connected;
    }

    /** Why a connection could not leave from any of its service's local addresses. */
    static BindException unbound(VirtualService service) {
        return new BindException("no local address of " + EngineCore.describe(service.key()) + " could be bound");
    }
}
