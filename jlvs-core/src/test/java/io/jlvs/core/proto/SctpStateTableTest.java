package io.jlvs.core.proto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.jlvs.core.proto.SctpStateTable.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SctpStateTableTest {

    /** Rows read off the kernel's sctp_states (ip_vs_proto_sctp.c, Linux 6.12). */
    @ParameterizedTest(name = "{0} chunk {1} in {2} -> {3}")
    @CsvSource({
            "0, 1, NONE, INIT1",            // client INIT
            "1, 2, INIT1, COOKIE_SENT",     // server INIT ACK
            "0, 10, COOKIE_SENT, COOKIE_REPLIED", // client COOKIE ECHO
            "1, 11, COOKIE_REPLIED, ESTABLISHED", // server COOKIE ACK
            "0, 0, NONE, ESTABLISHED",      // DATA on an unknown association
            "0, 7, ESTABLISHED, SHUTDOWN_RECEIVED",
            "1, 8, SHUTDOWN_RECEIVED, SHUTDOWN_ACK_SENT",
            "0, 14, SHUTDOWN_ACK_SENT, CLOSED",
            "0, 6, ESTABLISHED, CLOSED",    // ABORT
            "1, 6, INIT1, REJECTED",
            "0, 3, ESTABLISHED, ESTABLISHED", // SACK is DATA
            "0, 1, REJECTED, INIT",
            "1, 1, ESTABLISHED, ESTABLISHED",
            "2, 1, NONE, INIT1",
            "2, 10, INIT1, ESTABLISHED",    // input only: COOKIE ECHO establishes
            "2, 0, COOKIE_WAIT, ESTABLISHED",
            "2, 8, ESTABLISHED, CLOSED",
            "0, 200, INIT, INIT",           // unknown chunk type: DATA
    })
    void nextStateFollowsTheKernelTable(int direction, int chunk, SctpState from, SctpState expected) {
        assertEquals(expected.ordinal(), next(direction, event(chunk), from.ordinal()));
    }

    @Test
    void abortBundledAfterCookieCountsAsAbort() {
        assertEquals(EVENT_ABORT, event(CHUNK_COOKIE_ECHO, CHUNK_ABORT));
        assertEquals(EVENT_COOKIE_ECHO, event(CHUNK_COOKIE_ECHO, CHUNK_DATA));
        assertEquals(EVENT_INIT, event(CHUNK_INIT, CHUNK_ABORT));
    }

    @ParameterizedTest(name = "{0}: {1} s, printed {2}")
    @CsvSource({
            "NONE, 2, NONE", "INIT1, 4, INIT1", "INIT, 61, INIT", "COOKIE_SENT, 61, C-SENT",
            "COOKIE_REPLIED, 61, C-REPLIED", "COOKIE_WAIT, 61, C-WAIT", "COOKIE, 61, COOKIE",
            "COOKIE_ECHOED, 61, C-ECHOED", "ESTABLISHED, 900, ESTABLISHED", "SHUTDOWN_SENT, 61, S-SENT",
            "SHUTDOWN_RECEIVED, 61, S-RECEIVED", "SHUTDOWN_ACK_SENT, 61, S-ACK-SENT", "REJECTED, 4, REJECTED",
            "CLOSED, 61, CLOSED",
    })
    void timeoutsAndNamesAreTheKernels(SctpState state, int seconds, String printed) {
        assertEquals(seconds, defaultTimeoutSeconds(state.ordinal()));
        assertEquals(printed, name(state.ordinal()));
    }

    @Test
    void onlyEstablishedIsActive() {
        for (SctpState state : SctpState.values()) {
            assertEquals(state == SctpState.ESTABLISHED, isActive(state.ordinal()), state.name());
        }
        assertTrue(isActive(SctpState.ESTABLISHED.ordinal()));
        assertFalse(isActive(SctpState.COOKIE_ECHOED.ordinal()));
    }
}
