package io.jlvs.core.proto;

/**
 * The direction of a packet relative to a connection, as the kernel's IP_VS_DIR_* values: the
 * index of the state table a transition reads.
 */
public final class PacketDirection {
    /** Client to real server (through the director). */
    public static final int INPUT = 0;
    /** Real server to client (through the director; NAT and FULLNAT only). */
    public static final int OUTPUT = 1;
    /** Client to real server when no reply has been seen (DR, TUN: IP_VS_CONN_F_NOOUTPUT). */
    public static final int INPUT_ONLY = 2;
    /** The number of directions. */
    public static final int COUNT = 3;

    private PacketDirection() {
    }
}
