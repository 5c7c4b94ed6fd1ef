package io.jlvs.daemon;

/**
 * Which data plane jlvsd runs. Packet mode (AF_PACKET/AF_XDP, root) comes later; until then
 * {@code jlvs daemon --mode} accepts these two.
 */
public enum DaemonMode {
    /** The socket proxy engine: every TCP and UDP service on an address and port is proxied. */
    PROXY,
    /** No data plane: the table is kept, persisted and listed, and nothing is forwarded. */
    NONE
}
