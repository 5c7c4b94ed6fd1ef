package io.jlvs.core.proto;

/**
 * The kernel's IP_VS_TCP_S_* states, in the kernel's order (the ordinal is the table index), with
 * the names ipvsadm -Lc prints. Names only: transitions live in {@link TcpStateTable}.
 */
public enum TcpState {
    NONE,
    ESTABLISHED,
    SYN_SENT,
    SYN_RECV,
    FIN_WAIT,
    TIME_WAIT,
    CLOSE,
    CLOSE_WAIT,
    LAST_ACK,
    LISTEN,
    SYNACK;

    private static final TcpState[] VALUES = values();

    /** The state with this table index. */
    public static TcpState of(int index) {
        return VALUES[index];
    }
}
