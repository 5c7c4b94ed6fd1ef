package io.jlvs.io.linux.netlink;

import java.net.InetAddress;

/**
 * A route: the one the kernel picks for a destination, as {@code ip route get} shows it, or one
 * a route notification announces.
 *
 * @param destination     the destination looked up, or the route's prefix (0.0.0.0 or :: for a default route)
 * @param prefixLength    the prefix length (a lookup answers with the full length)
 * @param type            unicast, local (an address of this host), ...
 * @param outputInterface the index of the interface the packet leaves by
 * @param gateway         the next hop, or null when the destination is on the link
 * @param preferredSource the source address the kernel would use, or null
 * @param table           the routing table that held the route (254 main, 255 local)
 */
public record Route(InetAddress destination, int prefixLength, RouteType type, int outputInterface, InetAddress gateway,
        InetAddress preferredSource, int table) {
    /** RT_TABLE_MAIN. */
    public static final int MAIN_TABLE = 254;
    /** RT_TABLE_LOCAL. */
    public static final int LOCAL_TABLE = 255;

    /** The address of the next hop on the link: the gateway, or the destination itself (of a lookup). */
    public InetAddress nextHop() {
        return gateway != null ? gateway : destination;
    }
}
