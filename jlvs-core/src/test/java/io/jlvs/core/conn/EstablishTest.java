package io.jlvs.core.conn;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.request;
import static io.jlvs.core.conn.ConnFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The API jlvs simulate drives: schedule a flow and bring it through the handshake. */
class EstablishTest {
    private final ConnFixture fx = new ConnFixture(16);

    @ParameterizedTest(name = "{0} {1} ends {2}, active {3}, inactive {4}")
    @CsvSource({
            "TCP, MASQ, ESTABLISHED, 1, 0",
            "TCP, DROUTE, ESTABLISHED, 1, 0",
            "TCP, TUNNEL, ESTABLISHED, 1, 0",
            "SCTP, MASQ, ESTABLISHED, 1, 0",
            "SCTP, DROUTE, ESTABLISHED, 1, 0",
            "UDP, MASQ, UDP, 0, 1",
    })
    void aSimulatedConnectionIsCountedAsTheKernelWould(Protocol protocol, ForwardMethod method, String state,
                                                       int active, int inactive) {
        VirtualService svc = service(protocol, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, method);
        RealServer chosen = fx.scheduler.establish(svc, request(protocol, "192.168.1.10", 40000, "10.0.0.100", 80),
                fx.now());

        assertSame(rs, chosen);
        int slot = fx.table.findInbound(request(protocol, "192.168.1.10", 40000, "10.0.0.100", 80));
        assertEquals(state, fx.table.stateName(slot));
        assertEquals(active, rs.activeConns());
        assertEquals(inactive, rs.inactConns());
        assertEquals(1, rs.stats().snapshot().conns());
    }

    @Test
    void noDestinationGivesNull() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        assertNull(fx.scheduler.establish(svc, request(Protocol.TCP, "192.168.1.10", 1, "10.0.0.100", 80), fx.now()));
    }
}
