package io.jlvs.core.conn;

import io.jlvs.core.model.Protocol;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.request;
import static io.jlvs.core.conn.ConnFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadTest {
    private final ConnFixture fx = new ConnFixture(64);
    private final VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
    private int port = 1000;

    private int connect() {
        return fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", port++, "10.0.0.100", 80), fx.now());
    }

    private void close(int slot) {
        fx.table.expireNow(slot, fx.now());
        fx.settle();
        assertFalse(fx.table.isLive(slot));
    }

    @Test
    void upperAndLowerThresholdsGiveHysteresis() {
        RealServer rs = addDest(svc, "10.1.0.1", 80, 3, 1); // -x 3 -y 1
        int c1 = connect();
        int c2 = connect();
        assertFalse(rs.isOverloaded());
        int c3 = connect();
        assertTrue(rs.isOverloaded());
        assertEquals(ConnectionScheduler.NO_DESTINATION, connect());

        close(c1);
        assertTrue(rs.isOverloaded()); // 2 left, not below -y 1
        close(c2);
        assertTrue(rs.isOverloaded()); // 1 left, still not below 1
        close(c3);
        assertFalse(rs.isOverloaded()); // 0 < 1
        assertTrue(connect() >= 0);
    }

    @Test
    void upperThresholdAloneClearsBelowThreeQuarters() {
        RealServer rs = addDest(svc, "10.1.0.1", 80, 4, 0); // -x 4
        int[] c = {connect(), connect(), connect(), connect()};
        assertTrue(rs.isOverloaded());
        close(c[0]);
        assertTrue(rs.isOverloaded()); // 3 is not below 3/4 of 4
        close(c[1]);
        assertFalse(rs.isOverloaded()); // 2 < 3
        assertEquals(2, rs.totalConns());
    }

    @Test
    void threeQuartersRoundsAsTheKernelsIntegerComparison() {
        RealServer rs = addDest(svc, "10.1.0.1", 80, 10, 0); // 3/4 of 10 is 7.5
        int[] c = new int[10];
        for (int i = 0; i < 10; i++) {
            c[i] = connect();
        }
        assertTrue(rs.isOverloaded());
        close(c[0]);
        close(c[1]);
        assertTrue(rs.isOverloaded()); // 8
        close(c[2]);
        assertFalse(rs.isOverloaded()); // 7 < 7.5
    }

    @Test
    void withoutThresholdsAnUnbindClearsOverloadAtOnce() {
        RealServer rs = addDest(svc, "10.1.0.1", 80, 0, 0);
        int c1 = connect();
        connect();
        rs.setOverloaded(true);
        close(c1);
        assertFalse(rs.isOverloaded());
    }

    @Test
    void templatesDoNotCountTowardsTheThreshold() {
        VirtualService persistent = ConnFixture.persistentService(
                new io.jlvs.core.model.ServiceKey.Address(Protocol.TCP, ConnFixture.ip("10.0.0.100"), 80), 300,
                "255.255.255.255");
        RealServer rs = addDest(persistent, "10.1.0.1", 80, 2, 0);
        fx.scheduler.schedule(persistent, request(Protocol.TCP, "1.1.1.1", 1, "10.0.0.100", 80), fx.now());
        assertEquals(1, rs.persistConns());
        assertFalse(rs.isOverloaded());
        fx.scheduler.schedule(persistent, request(Protocol.TCP, "1.1.1.1", 2, "10.0.0.100", 80), fx.now());
        assertTrue(rs.isOverloaded());
    }
}
