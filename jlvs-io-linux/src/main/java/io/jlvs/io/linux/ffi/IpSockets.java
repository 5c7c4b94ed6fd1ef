package io.jlvs.io.linux.ffi;

/**
 * The constants of &lt;sys/socket.h&gt; and &lt;netinet/in.h&gt; that raw IP sockets need beside
 * {@link SocketCalls}'s: the IP families, the tunnel protocol numbers and the options.
 */
public final class IpSockets {
    /** AF_INET: IPv4. */
    public static final int AF_INET = 2;
    /** AF_INET6: IPv6. */
    public static final int AF_INET6 = 10;
    /** IPPROTO_IP: the socket option level of IPv4. */
    public static final int IPPROTO_IP = 0;
    /** IPPROTO_IPIP: IPv4 in IP (protocol 4). */
    public static final int IPPROTO_IPIP = 4;
    /** IPPROTO_IPV6: IPv6 in IP (protocol 41). */
    public static final int IPPROTO_IPV6 = 41;
    /** IP_HDRINCL: the packets sent carry their own IPv4 header. */
    public static final int IP_HDRINCL = 3;
    /** SO_RCVBUFFORCE: the receive buffer's size past net.core.rmem_max (CAP_NET_ADMIN). */
    public static final int SO_RCVBUFFORCE = 33;

    private IpSockets() {
    }
}
