package io.jlvs.core.proto;

/**
 * The IPVS TCP state machine as the kernel's tables (ip_vs_proto_tcp.c): next state by
 * [direction][event][state], the states that count as ActiveConn, and the default timeouts.
 *
 * <p>Events are picked from the TCP flags with the kernel's priority rst &gt; syn &gt; fin &gt; ack
 * (tcp_state_idx); a segment with none of them drives the connection to CLOSE. The secure_tcp
 * (defense) tables are kept as a second table set, swapped in rather than branched on.
 */
public final class TcpStateTable {
    /** Event index of a segment carrying SYN (and no RST). */
    public static final int EVENT_SYN = 0;
    /** Event index of a segment carrying FIN (and neither RST nor SYN). */
    public static final int EVENT_FIN = 1;
    /** Event index of a segment carrying only ACK among the four. */
    public static final int EVENT_ACK = 2;
    /** Event index of a segment carrying RST. */
    public static final int EVENT_RST = 3;
    /** No event: a segment with none of RST, SYN, FIN, ACK (the kernel then moves to CLOSE). */
    public static final int EVENT_NONE = -1;
    /** The number of events. */
    public static final int EVENT_COUNT = 4;

    /** TCP header flag bits (byte 13 of the header). */
    public static final int FLAG_FIN = 0x01;
    public static final int FLAG_SYN = 0x02;
    public static final int FLAG_RST = 0x04;
    public static final int FLAG_ACK = 0x10;

    /** The number of states. */
    public static final int STATE_COUNT = 11;

    private static final byte NO = 0, ES = 1, SS = 2, SR = 3, FW = 4, TW = 5, CL = 6, CW = 7, LA = 8,
            LI = 9, SA = 10;

    /** tcp_states: [direction][event][state]. */
    private static final byte[][][] NORMAL = {
            { // INPUT
                    /*        sNO sES sSS sSR sFW sTW sCL sCW sLA sLI sSA */
                    /* syn */ {SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR},
                    /* fin */ {CL, CW, SS, TW, TW, TW, CL, CW, LA, LI, TW},
                    /* ack */ {ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES},
                    /* rst */ {CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, SR},
            },
            { // OUTPUT
                    /* syn */ {SS, ES, SS, SR, SS, SS, SS, SS, SS, LI, SR},
                    /* fin */ {TW, FW, SS, TW, FW, TW, CL, TW, LA, LI, TW},
                    /* ack */ {ES, ES, SS, ES, FW, TW, CL, CW, LA, ES, ES},
                    /* rst */ {CL, CL, SS, CL, CL, TW, CL, CL, CL, CL, CL},
            },
            { // INPUT_ONLY
                    /* syn */ {SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR},
                    /* fin */ {CL, FW, SS, TW, FW, TW, CL, CW, LA, LI, TW},
                    /* ack */ {ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES},
                    /* rst */ {CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL},
            },
    };

    /** tcp_states_dos: the secure_tcp tables. */
    private static final byte[][][] SECURE = {
            { // INPUT
                    /* syn */ {SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SA},
                    /* fin */ {CL, CW, SS, TW, TW, TW, CL, CW, LA, LI, SA},
                    /* ack */ {ES, ES, SS, SR, FW, TW, CL, CW, CL, LI, SA},
                    /* rst */ {CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL},
            },
            { // OUTPUT
                    /* syn */ {SS, ES, SS, SA, SS, SS, SS, SS, SS, LI, SA},
                    /* fin */ {TW, FW, SS, TW, FW, TW, CL, TW, LA, LI, TW},
                    /* ack */ {ES, ES, SS, ES, FW, TW, CL, CW, LA, ES, ES},
                    /* rst */ {CL, CL, SS, CL, CL, TW, CL, CL, CL, CL, CL},
            },
            { // INPUT_ONLY
                    /* syn */ {SA, ES, ES, SR, SA, SA, SA, SA, SA, SA, SA},
                    /* fin */ {CL, FW, SS, TW, FW, TW, CL, CW, LA, LI, TW},
                    /* ack */ {ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES},
                    /* rst */ {CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL},
            },
    };

    /** tcp_state_active_table: the states a connection counts as ActiveConn in. */
    private static final boolean[] ACTIVE = {
            false, true, true, true, false, false, false, false, false, false, true,
    };

    /** tcp_timeouts in seconds, by state. */
    private static final int[] DEFAULT_TIMEOUTS = {
            2, 15 * 60, 2 * 60, 60, 2 * 60, 2 * 60, 10, 60, 30, 2 * 60, 120,
    };

    private TcpStateTable() {
    }

    /** The event for a segment's flag bits (tcp_state_idx): rst, then syn, then fin, then ack. */
    public static int event(int tcpFlags) {
        if ((tcpFlags & FLAG_RST) != 0) {
            return EVENT_RST;
        }
        if ((tcpFlags & FLAG_SYN) != 0) {
            return EVENT_SYN;
        }
        if ((tcpFlags & FLAG_FIN) != 0) {
            return EVENT_FIN;
        }
        if ((tcpFlags & FLAG_ACK) != 0) {
            return EVENT_ACK;
        }
        return EVENT_NONE;
    }

    /**
     * The next state (set_tcp_state): EVENT_NONE leads to CLOSE.
     *
     * @param secure whether the secure_tcp tables are in force
     */
    public static int next(boolean secure, int direction, int event, int state) {
        if (event < 0) {
            return CL;
        }
        return (secure ? SECURE : NORMAL)[direction][event][state];
    }

    /** Whether a connection in this state counts as active (tcp_state_active). */
    public static boolean isActive(int state) {
        return state < STATE_COUNT && ACTIVE[state];
    }

    /** The kernel's default timeout of a state, in seconds. */
    public static int defaultTimeoutSeconds(int state) {
        return DEFAULT_TIMEOUTS[state];
    }

    /** The state's name as the kernel prints it ("ERR!" out of range, as tcp_state_name). */
    public static String name(int state) {
        return state >= 0 && state < STATE_COUNT ? TcpState.of(state).name() : "ERR!";
    }
}
