package io.jlvs.core.proto;

/**
 * The IPVS SCTP state machine as the kernel's tables (ip_vs_proto_sctp.c): the event of a chunk
 * type, next state by [direction][event][state], the printed names and the default timeouts.
 * Only ESTABLISHED counts as an active connection.
 */
public final class SctpStateTable {
    /** Events (ipvs_sctp_event_t). */
    public static final int EVENT_DATA = 0;
    public static final int EVENT_INIT = 1;
    public static final int EVENT_INIT_ACK = 2;
    public static final int EVENT_COOKIE_ECHO = 3;
    public static final int EVENT_COOKIE_ACK = 4;
    public static final int EVENT_SHUTDOWN = 5;
    public static final int EVENT_SHUTDOWN_ACK = 6;
    public static final int EVENT_SHUTDOWN_COMPLETE = 7;
    public static final int EVENT_ERROR = 8;
    public static final int EVENT_ABORT = 9;
    public static final int EVENT_COUNT = 10;

    /** SCTP chunk types (RFC 9260 section 3.2). */
    public static final int CHUNK_DATA = 0;
    public static final int CHUNK_INIT = 1;
    public static final int CHUNK_INIT_ACK = 2;
    public static final int CHUNK_SACK = 3;
    public static final int CHUNK_HEARTBEAT = 4;
    public static final int CHUNK_HEARTBEAT_ACK = 5;
    public static final int CHUNK_ABORT = 6;
    public static final int CHUNK_SHUTDOWN = 7;
    public static final int CHUNK_SHUTDOWN_ACK = 8;
    public static final int CHUNK_ERROR = 9;
    public static final int CHUNK_COOKIE_ECHO = 10;
    public static final int CHUNK_COOKIE_ACK = 11;
    public static final int CHUNK_ECN_ECNE = 12;
    public static final int CHUNK_ECN_CWR = 13;
    public static final int CHUNK_SHUTDOWN_COMPLETE = 14;

    /** The number of states. */
    public static final int STATE_COUNT = 14;

    private static final byte NO = 0, I1 = 1, IN = 2, CS = 3, CR = 4, CW = 5, CO = 6, CE = 7, ES = 8,
            SS = 9, SR = 10, SA = 11, RJ = 12, CL = 13;

    /** sctp_events: the event of each chunk type below 15; every other type is DATA. */
    private static final byte[] CHUNK_EVENTS = {
            EVENT_DATA, EVENT_INIT, EVENT_INIT_ACK, EVENT_DATA, EVENT_DATA, EVENT_DATA, EVENT_ABORT,
            EVENT_SHUTDOWN, EVENT_SHUTDOWN_ACK, EVENT_ERROR, EVENT_COOKIE_ECHO, EVENT_COOKIE_ACK,
            EVENT_DATA, EVENT_DATA, EVENT_SHUTDOWN_COMPLETE,
    };

    /** sctp_states: [direction][event][state]. */
    private static final byte[][][] TABLE = {
            { // INPUT
                    /*         sNO sI1 sIN sCS sCR sCW sCO sCE sES sSS sSR sSA sRJ sCL */
                    /* d   */ {ES, I1, IN, CS, CR, CW, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* i   */ {I1, IN, IN, CS, CR, CW, CO, CE, ES, SS, SR, SA, IN, IN},
                    /* i_a */ {CW, CW, CW, CS, CR, CO, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* c_e */ {CR, IN, IN, CR, CR, CW, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* c_a */ {ES, I1, IN, CS, CR, CW, CO, ES, ES, SS, SR, SA, RJ, CL},
                    /* s   */ {SR, I1, IN, CS, CR, CW, CO, CE, SR, SS, SR, SA, RJ, CL},
                    /* s_a */ {CL, IN, IN, CS, CR, CW, CO, CE, ES, CL, SR, CL, RJ, CL},
                    /* s_c */ {CL, CL, CL, CS, CR, CW, CO, CE, ES, SS, SR, CL, RJ, CL},
                    /* err */ {CL, I1, IN, CS, CR, CW, CO, CL, ES, SS, SR, SA, RJ, CL},
                    /* ab  */ {CL, CL, CL, CL, CL, RJ, CL, CL, CL, CL, CL, CL, CL, CL},
            },
            { // OUTPUT
                    /* d   */ {ES, I1, IN, CS, CR, CW, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* i   */ {CW, CW, CW, CW, CW, CW, CW, CW, ES, CW, CW, CW, CW, CW},
                    /* i_a */ {CS, CS, CS, CS, CR, CW, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* c_e */ {CE, CE, CE, CE, CE, CE, CE, CE, ES, SS, SR, SA, RJ, CL},
                    /* c_a */ {ES, ES, ES, ES, ES, ES, ES, ES, ES, SS, SR, SA, RJ, CL},
                    /* s   */ {SS, SS, SS, SS, SS, SS, SS, SS, SS, SS, SR, SA, RJ, CL},
                    /* s_a */ {SA, SA, SA, SA, SA, CW, CO, CE, ES, SA, SA, SA, RJ, CL},
                    /* s_c */ {CL, I1, IN, CS, CR, CW, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* err */ {CL, CL, CL, CL, CL, CW, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* ab  */ {CL, RJ, CL, CL, CL, CL, CL, CL, CL, CL, CL, CL, CL, CL},
            },
            { // INPUT_ONLY
                    /* d   */ {ES, I1, IN, CS, CR, ES, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* i   */ {I1, IN, IN, IN, IN, IN, CO, CE, ES, SS, SR, SA, IN, IN},
                    /* i_a */ {CE, CE, CE, CE, CE, CE, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* c_e */ {ES, ES, ES, ES, ES, ES, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* c_a */ {ES, I1, IN, ES, ES, CW, ES, ES, ES, SS, SR, SA, RJ, CL},
                    /* s   */ {SR, I1, IN, CS, CR, CW, CO, CE, SR, SS, SR, SA, RJ, CL},
                    /* s_a */ {CL, IN, IN, CS, CR, CW, CO, CE, CL, CL, SR, CL, RJ, CL},
                    /* s_c */ {CL, CL, CL, CL, CL, CW, CO, CE, ES, SS, CL, CL, RJ, CL},
                    /* err */ {CL, I1, IN, CS, CR, CW, CO, CE, ES, SS, SR, SA, RJ, CL},
                    /* ab  */ {CL, CL, CL, CL, CL, RJ, CL, CL, CL, CL, CL, CL, CL, CL},
            },
    };

    /** IP_VS_SCTP_MAX_RTO: 61 seconds. */
    private static final int MAX_RTO = 60 + 1;

    /** sctp_timeouts in seconds, by state. */
    private static final int[] DEFAULT_TIMEOUTS = {
            2, 3 + 1, MAX_RTO, MAX_RTO, MAX_RTO, MAX_RTO, MAX_RTO, MAX_RTO, 15 * 60, MAX_RTO, MAX_RTO,
            MAX_RTO, 3 + 1, MAX_RTO,
    };

    /** sctp_state_name_table. */
    private static final String[] NAMES = {
            "NONE", "INIT1", "INIT", "C-SENT", "C-REPLIED", "C-WAIT", "COOKIE", "C-ECHOED", "ESTABLISHED",
            "S-SENT", "S-RECEIVED", "S-ACK-SENT", "REJECTED", "CLOSED",
    };

    private SctpStateTable() {
    }

    /** The event of a packet whose first chunk has this type. */
    public static int event(int chunkType) {
        return chunkType >= 0 && chunkType < CHUNK_EVENTS.length ? CHUNK_EVENTS[chunkType] : EVENT_DATA;
    }

    /**
     * The event of a packet whose first chunk is followed by a second one (-1 for none): an ABORT
     * bundled after a COOKIE ECHO or COOKIE ACK counts as ABORT, as set_sctp_state does.
     */
    public static int event(int firstChunkType, int secondChunkType) {
        if ((firstChunkType == CHUNK_COOKIE_ECHO || firstChunkType == CHUNK_COOKIE_ACK)
                && secondChunkType == CHUNK_ABORT) {
            return EVENT_ABORT;
        }
        return event(firstChunkType);
    }

    /** The next state for an event seen in a direction. */
    public static int next(int direction, int event, int state) {
        return TABLE[direction][event][state];
    }

    /** Whether a connection in this state counts as active: only ESTABLISHED does. */
    public static boolean isActive(int state) {
        return state == ES;
    }

    /** The kernel's default timeout of a state, in seconds. */
    public static int defaultTimeoutSeconds(int state) {
        return DEFAULT_TIMEOUTS[state];
    }

    /** The state's name as the kernel prints it (sctp_state_name). */
    public static String name(int state) {
        return state >= 0 && state < STATE_COUNT ? NAMES[state] : "ERR!";
    }
}
