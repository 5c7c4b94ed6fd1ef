package io.jlvs.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * The Netty transport the engine runs on, chosen once: native epoll when Netty can load it, NIO
 * otherwise, with the reason (Netty's unavailabilityCause) kept for the log.
 *
 * <p>Only epoll can bind with IP_FREEBIND, which lets a service exist before its VIP is on an
 * interface (a VRRP backup). With NIO the VIP must already be a local address when the service is
 * added, or its listener fails to bind (and is retried at the next change).
 *
 * @param name           "epoll" or "nio"
 * @param reason         why this transport was chosen
 * @param serverChannels a listening socket of an address family: an IPv4 service's is an IPv4
 *                       socket (a dual-stack one would need IPV6_V6ONLY set, one system call more of
 *                       the ten 10,000 listeners each cost)
 */
public record ProxyTransport(String name, String reason, Function<ThreadFactory, EventLoopGroup> oneThreadGroup,
                             Function<InternetProtocolFamily, ServerChannel> serverChannels,
                             Class<? extends SocketChannel> socketChannel,
                             Class<? extends DatagramChannel> datagramChannel,
                             boolean freebind) {

    /** Native epoll when wanted and available, else NIO. */
    public static ProxyTransport select(boolean nativeWanted) {
        if (nativeWanted && Epoll.isAvailable()) {
            return new ProxyTransport("epoll", "native epoll is available", threads -> new EpollEventLoopGroup(1, threads),
                    EpollServerSocketChannel::new, EpollSocketChannel.class, EpollDatagramChannel.class, true);
        }
        String reason = nativeWanted
                ? "native epoll is unavailable: " + Epoll.unavailabilityCause()
                : "the native transport is turned off";
        return new ProxyTransport("nio", reason, threads -> new NioEventLoopGroup(1, threads),
                family -> new NioServerSocketChannel(SelectorProvider.provider(), family), NioSocketChannel.class,
                NioDatagramChannel.class, false);
    }

    /** One line for the log. */
    public String describe() {
        return name + " (" + reason + (freebind ? "; VIPs bound with IP_FREEBIND)"
                : "; no IP_FREEBIND: a VIP must be a local address before its service is proxied)");
    }
}
