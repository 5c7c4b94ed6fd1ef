package io.jlvs.core.proto;

import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Test;

import static io.jlvs.core.proto.ProtocolStates.IPPROTO_SCTP;
import static io.jlvs.core.proto.ProtocolStates.IPPROTO_TCP;
import static io.jlvs.core.proto.ProtocolStates.IPPROTO_UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ProtocolStatesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void defaultsAreWhatIpvsadmListsWithTimeout() {
        assertEquals(new Timeouts(900, 120, 300), new ProtocolStates().timeouts());
        assertEquals(Timeouts.DEFAULT, new ProtocolStates().timeouts());
    }

    @Test
    void setChangesEstablishedFinWaitAndUdpOnly() {
        ProtocolStates states = new ProtocolStates();
        states.setTimeouts(new Timeouts(3600, 30, 45));
        assertEquals(3600 * S, states.timeoutNanos(IPPROTO_TCP, TcpState.ESTABLISHED.ordinal()));
        assertEquals(30 * S, states.timeoutNanos(IPPROTO_TCP, TcpState.FIN_WAIT.ordinal()));
        assertEquals(45 * S, states.timeoutNanos(IPPROTO_UDP, 0));
        // untouched: TIME_WAIT keeps 120 s though FIN_WAIT changed, SCTP ESTABLISHED keeps 900 s
        assertEquals(120 * S, states.timeoutNanos(IPPROTO_TCP, TcpState.TIME_WAIT.ordinal()));
        assertEquals(10 * S, states.timeoutNanos(IPPROTO_TCP, TcpState.CLOSE.ordinal()));
        assertEquals(900 * S, states.timeoutNanos(IPPROTO_SCTP, SctpState.ESTABLISHED.ordinal()));
        assertEquals(new Timeouts(3600, 30, 45), states.timeouts());
    }

    @Test
    void zeroKeepsAValue() {
        ProtocolStates states = new ProtocolStates();
        states.setTimeouts(new Timeouts(0, 20, 0));
        assertEquals(new Timeouts(900, 20, 300), states.timeouts());
        states.setTimeouts(new Timeouts(100, 0, 0));
        assertEquals(new Timeouts(100, 20, 300), states.timeouts());
    }

    @Test
    void udpNeverChangesStateNorBecomesActive() {
        ProtocolStates states = new ProtocolStates();
        assertEquals(0, states.next(IPPROTO_UDP, PacketDirection.OUTPUT, 3, 0));
        assertEquals(false, ProtocolStates.isActive(IPPROTO_UDP, 0));
    }
}
