package io.jlvs.core.proto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpStateTableTest {

    private static int flags(String spec) {
        int f = 0;
        for (char c : spec.toCharArray()) {
            f |= switch (c) {
                case 'S' -> TcpStateTable.FLAG_SYN;
                case 'F' -> TcpStateTable.FLAG_FIN;
                case 'A' -> TcpStateTable.FLAG_ACK;
                case 'R' -> TcpStateTable.FLAG_RST;
                case '.' -> 0;
                default -> throw new IllegalArgumentException(spec);
            };
        }
        return f;
    }

    private static int direction(String name) {
        return switch (name) {
            case "IN" -> PacketDirection.INPUT;
            case "OUT" -> PacketDirection.OUTPUT;
            case "IN_ONLY" -> PacketDirection.INPUT_ONLY;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Rows read off the kernel's tcp_states (ip_vs_proto_tcp.c, Linux 6.12). */
    @ParameterizedTest(name = "{0} {1} in {2} -> {3}")
    @CsvSource({
            // INPUT
            "IN, S, NONE, SYN_RECV",
            "IN, S, SYN_SENT, ESTABLISHED",
            "IN, S, TIME_WAIT, SYN_RECV",
            "IN, S, SYNACK, SYN_RECV",
            "IN, F, ESTABLISHED, CLOSE_WAIT",
            "IN, F, SYN_RECV, TIME_WAIT",
            "IN, F, FIN_WAIT, TIME_WAIT",
            "IN, F, NONE, CLOSE",
            "IN, A, NONE, ESTABLISHED",
            "IN, A, SYN_RECV, ESTABLISHED",
            "IN, A, LAST_ACK, CLOSE",
            "IN, A, SYN_SENT, SYN_SENT",
            "IN, A, SYNACK, ESTABLISHED",
            "IN, R, ESTABLISHED, CLOSE",
            "IN, R, SYN_RECV, SYN_RECV",
            "IN, R, LAST_ACK, LAST_ACK",
            "IN, R, SYNACK, SYN_RECV",
            // OUTPUT
            "OUT, S, NONE, SYN_SENT",
            "OUT, SA, SYN_RECV, SYN_RECV",
            "OUT, S, SYNACK, SYN_RECV",
            "OUT, S, LISTEN, LISTEN",
            "OUT, F, ESTABLISHED, FIN_WAIT",
            "OUT, F, CLOSE_WAIT, TIME_WAIT",
            "OUT, F, NONE, TIME_WAIT",
            "OUT, A, NONE, ESTABLISHED",
            "OUT, A, LISTEN, ESTABLISHED",
            "OUT, A, LAST_ACK, LAST_ACK",
            "OUT, R, SYN_SENT, SYN_SENT",
            "OUT, R, TIME_WAIT, TIME_WAIT",
            "OUT, R, ESTABLISHED, CLOSE",
            // INPUT_ONLY
            "IN_ONLY, S, NONE, SYN_RECV",
            "IN_ONLY, F, ESTABLISHED, FIN_WAIT",
            "IN_ONLY, F, FIN_WAIT, FIN_WAIT",
            "IN_ONLY, A, SYN_RECV, ESTABLISHED",
            "IN_ONLY, A, LAST_ACK, CLOSE",
            "IN_ONLY, R, SYNACK, CLOSE",
            "IN_ONLY, R, SYN_RECV, SYN_RECV",
            // priority: rst > syn > fin > ack; no flag at all closes
            "IN, SR, ESTABLISHED, CLOSE",
            "IN, SF, ESTABLISHED, ESTABLISHED",
            "IN, FA, ESTABLISHED, CLOSE_WAIT",
            "IN, RA, SYN_RECV, SYN_RECV",
            "OUT, SF, NONE, SYN_SENT",
            "OUT, FA, ESTABLISHED, FIN_WAIT",
            "IN, ., ESTABLISHED, CLOSE",
            "OUT, ., SYN_RECV, CLOSE",
    })
    void nextStateFollowsTheKernelTables(String dir, String flagSpec, TcpState from, TcpState expected) {
        int event = TcpStateTable.event(flags(flagSpec));
        assertEquals(expected.ordinal(), TcpStateTable.next(false, direction(dir), event, from.ordinal()));
    }

    /** Rows of tcp_states_dos, the secure_tcp tables, where they differ from the normal ones. */
    @ParameterizedTest(name = "secure {0} {1} in {2} -> {3}")
    @CsvSource({
            "IN, S, SYNACK, SYNACK",
            "IN, A, SYN_RECV, SYN_RECV",
            "OUT, S, SYN_RECV, SYNACK",
            "IN_ONLY, S, NONE, SYNACK",
            "IN_ONLY, S, FIN_WAIT, SYNACK",
    })
    void secureTcpSwapsInTheDefenseTables(String dir, String flagSpec, TcpState from, TcpState expected) {
        int event = TcpStateTable.event(flags(flagSpec));
        assertEquals(expected.ordinal(), TcpStateTable.next(true, direction(dir), event, from.ordinal()));
    }

    @ParameterizedTest(name = "{0}: {1} s")
    @CsvSource({
            "NONE, 2", "ESTABLISHED, 900", "SYN_SENT, 120", "SYN_RECV, 60", "FIN_WAIT, 120", "TIME_WAIT, 120",
            "CLOSE, 10", "CLOSE_WAIT, 60", "LAST_ACK, 30", "LISTEN, 120", "SYNACK, 120",
    })
    void defaultTimeoutsAreTheKernels(TcpState state, int seconds) {
        assertEquals(seconds, TcpStateTable.defaultTimeoutSeconds(state.ordinal()));
        assertEquals(seconds * 1_000_000_000L,
                new ProtocolStates().timeoutNanos(ProtocolStates.IPPROTO_TCP, state.ordinal()));
    }

    @Test
    void onlyEstablishedAndTheOpeningStatesAreActive() {
        for (TcpState state : TcpState.values()) {
            boolean expected = switch (state) {
                case ESTABLISHED, SYN_SENT, SYN_RECV, SYNACK -> true;
                case NONE, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN -> false;
            };
            assertEquals(expected, TcpStateTable.isActive(state.ordinal()), state.name());
        }
        assertFalse(TcpStateTable.isActive(TcpStateTable.STATE_COUNT));
    }

    @Test
    void namesAreWhatTheKernelPrints() {
        assertEquals("SYN_RECV", TcpStateTable.name(TcpState.SYN_RECV.ordinal()));
        assertEquals("SYNACK", TcpStateTable.name(TcpState.SYNACK.ordinal()));
        assertEquals("ERR!", TcpStateTable.name(11));
        assertEquals("UDP", ProtocolStates.stateName(ProtocolStates.IPPROTO_UDP, 0));
        assertEquals("IP", ProtocolStates.protocolName(ProtocolStates.IPPROTO_IP));
    }

    @Test
    void eventPriorityIsRstThenSynThenFinThenAck() {
        assertEquals(TcpStateTable.EVENT_RST, TcpStateTable.event(flags("RSFA")));
        assertEquals(TcpStateTable.EVENT_SYN, TcpStateTable.event(flags("SFA")));
        assertEquals(TcpStateTable.EVENT_FIN, TcpStateTable.event(flags("FA")));
        assertEquals(TcpStateTable.EVENT_ACK, TcpStateTable.event(flags("A")));
        assertEquals(TcpStateTable.EVENT_NONE, TcpStateTable.event(0x08)); // PSH alone
        assertTrue(TcpStateTable.event(0) < 0);
    }
}
