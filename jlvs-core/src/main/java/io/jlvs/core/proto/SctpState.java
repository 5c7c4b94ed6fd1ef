package io.jlvs.core.proto;

/**
 * The kernel's IP_VS_SCTP_S_* states in the kernel's order (the ordinal is the table index).
 * Names only: {@link SctpStateTable} holds the transitions and the printed names.
 */
public enum SctpState {
    NONE,
    INIT1,
    INIT,
    COOKIE_SENT,
    COOKIE_REPLIED,
    COOKIE_WAIT,
    COOKIE,
    COOKIE_ECHOED,
    ESTABLISHED,
    SHUTDOWN_SENT,
    SHUTDOWN_RECEIVED,
    SHUTDOWN_ACK_SENT,
    REJECTED,
    CLOSED;

    private static final SctpState[] VALUES = values();

    /** The state with this table index. */
    public static SctpState of(int index) {
        return VALUES[index];
    }
}
