package io.jlvs.director;

/**
 * Why the packet engine dropped a well-formed frame, as small ints a worker counts by
 * ({@code drops[reason]++}); malformed frames are counted by their FrameVerdict instead. The names
 * are what `jlvs status` prints.
 */
public final class DropReason {
    /** To a VIP, on a port (or protocol) that no service has. */
    public static final int NO_SERVICE = 0;
    /** A TCP segment other than a SYN for a service, and no connection entry (sloppy_tcp off). */
    public static final int NO_CONNECTION = 1;
    /** The scheduler found no real server (none, all weight 0 or overloaded, or -s none). */
    public static final int NO_REAL_SERVER = 2;
    /** The connection table is full at its maximum. */
    public static final int CONNECTION_TABLE_FULL = 3;
    /** The entry's real server was deleted (expire_nodest_conn off keeps the entry). */
    public static final int REAL_SERVER_GONE = 4;
    /** An IP fragment other than the first: its ports are not in it. */
    public static final int FRAGMENT = 5;
    /** The kernel has no route to the destination, or it leaves by an interface jlvsd does not own. */
    public static final int NO_ROUTE = 6;
    /** Too many frames already wait for their next hop to resolve. */
    public static final int NEXT_HOP_QUEUE_FULL = 7;
    /** The next hop did not resolve in time (no answer to ARP or ND). */
    public static final int NEXT_HOP_UNRESOLVED = 8;
    /** The transmit ring was full. */
    public static final int TRANSMIT_RING_FULL = 9;
    /** Too big for the path with DF set: an ICMP fragmentation-needed (or packet-too-big) went back. */
    public static final int TOO_BIG = 10;
    /** FULLNAT: the service has no local address, or every port of them is taken. */
    public static final int NO_LOCAL_ADDRESS = 11;
    /** A frame whose offloads jlvs cannot carry through this method (counted, not sent corrupt). */
    public static final int UNSUPPORTED_OFFLOAD = 12;
    /** An ICMP error quoting a packet of no connection. */
    public static final int ICMP_NO_CONNECTION = 13;
    /**
     * A marked packet netfilter handed over (firewall-mark services) that the engine already had
     * from the wire: a packet of a connection of an address service, or a reply.
     */
    public static final int MARKED_COPY = 14;
    /** How many reasons there are. */
    public static final int COUNT = 15;

    private static final String[] NAMES = {
        "no_service",
        "no_connection",
        "no_real_server",
        "connection_table_full",
        "real_server_gone",
        "fragment",
        "no_route",
        "next_hop_queue_full",
        "next_hop_unresolved",
        "transmit_ring_full",
        "too_big",
        "no_local_address",
        "unsupported_offload",
        "icmp_no_connection",
        "marked_copy",
    };

    private DropReason() {
    }

    /** The printable name of a reason. */
    public static String name(int reason) {
        if (reason < 0 || reason >= COUNT) {
            throw new IllegalArgumentException("no drop reason " + reason + " (0 to " + (COUNT - 1) + ")");
        }
        return NAMES[reason];
    }
}
