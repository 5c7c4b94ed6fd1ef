package io.jlvs.daemon;

/** Which data plane jlvsd runs ({@code jlvs daemon --mode}). */
public enum DaemonMode {
    /** The socket proxy engine: every TCP and UDP service on an address and port is proxied. */
    PROXY,
    /**
     * The packet engine (root): jlvsd is an LVS director on the interfaces given with --iface and
     * forwards packets by each real server's method (DR, NAT, TUN, FULLNAT).
     */
    PACKET,
    /** No data plane: the table is kept, persisted and listed, and nothing is forwarded. */
    NONE
}
