package io.jlvs.core.proto;

/**
 * The kernel's IP_VS_UDP_S_* states: UDP has one, NORMAL, which ipvsadm -Lc prints as "UDP".
 * A UDP connection never becomes active: it counts as InActConn for its whole life.
 */
public enum UdpState {
    NORMAL;

    /** udp_timeouts[NORMAL] in seconds (5 minutes), what ipvsadm --set's third value changes. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 5 * 60;

    /** The state's name as the kernel prints it (udp_state_name). */
    public static String name(int state) {
        return state == 0 ? "UDP" : "ERR!";
    }
}
