package io.jlvs.core.conn;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.ip;
import static io.jlvs.core.conn.ConnFixture.persistentService;
import static io.jlvs.core.conn.ConnFixture.request;
import static io.jlvs.core.conn.ConnFixture.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistenceTest {
    private final ConnFixture fx = new ConnFixture(64);
    private final VirtualService svc = persistentService(
            new ServiceKey.Address(Protocol.TCP, ip("10.0.0.100"), 80), 300, "255.255.255.0");

    private void establish(int slot) {
        fx.table.inbound(slot, TcpStateTable.event(TcpStateTable.FLAG_SYN), 60, fx.now());
        fx.table.inbound(slot, TcpStateTable.event(TcpStateTable.FLAG_ACK), 60, fx.now());
    }

    private List<ConnectionSnapshot> templates() {
        List<ConnectionSnapshot> rows = new ArrayList<>();
        fx.table.forEach(fx.now(), row -> {
            if (row.template()) {
                rows.add(row);
            }
        });
        return rows;
    }

    @Test
    void theFirstConnectionCreatesATemplateKeyedByTheMaskedClient() {
        RealServer a = addDest(svc, "10.1.0.1", 8080, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());

        int t = fx.table.controller(c);
        assertTrue(fx.table.isTemplate(t));
        assertEquals(1, fx.table.controlledCount(t));
        assertEquals(1, a.persistConns());
        assertEquals(1, a.inactConns()); // the template is not a connection
        assertEquals(2, fx.table.size());
        ConnectionSnapshot row = templates().getFirst();
        assertEquals("TCP", row.protocol());
        assertEquals("192.168.1.0", row.clientAddress().getHostAddress());
        assertEquals(0, row.clientPort());
        assertEquals("10.0.0.100", row.virtualAddress().getHostAddress());
        assertEquals(80, row.virtualPort());
        assertEquals(8080, row.destinationPort());
        assertEquals("NONE", row.state());
        assertEquals(300_000, row.expiresMillis());
        assertEquals(8080, fx.table.destinationPort(c));
    }

    @Test
    void anotherClientOfTheSameNetworkFollowsTheTemplateNotTheScheduler() {
        RealServer a = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        int first = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());
        RealServer b = addDest(svc, "10.1.0.2", 80, ForwardMethod.MASQ); // now first in list order
        int second = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.77", 5000, "10.0.0.100", 80), fx.now());
        int stranger = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.2.1", 5000, "10.0.0.100", 80), fx.now());

        assertSame(a, fx.table.destination(second));
        assertEquals(fx.table.controller(first), fx.table.controller(second));
        assertEquals(2, fx.table.controlledCount(fx.table.controller(first)));
        assertEquals(1, a.persistConns());
        assertSame(b, fx.table.destination(stranger));
        assertEquals(1, b.persistConns());
        assertEquals(2, a.stats().snapshot().conns());
    }

    @Test
    void aTemplateOutlivesItsConnectionsByThePersistenceTimeoutAfterItsLastUse() {
        RealServer a = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());
        int t = fx.table.controller(c);
        fx.advance(100);
        int c2 = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40001, "10.0.0.100", 80), fx.now());
        assertEquals(t, fx.table.controller(c2)); // reused, and re-armed to now + 300 s
        fx.advance(3);
        assertFalse(fx.table.isLive(c2));
        assertEquals(0, fx.table.controlledCount(t));
        fx.advance(296);
        assertTrue(fx.table.isLive(t));
        fx.advance(1);
        assertFalse(fx.table.isLive(t));
        assertEquals(0, a.persistConns());
        assertEquals(0, fx.table.size());
    }

    @Test
    void aTemplateThatStillControlsAConnectionIsReArmedForSixtySeconds() {
        RealServer a = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());
        int t = fx.table.controller(c);
        establish(c); // ESTABLISHED: 900 s
        assertEquals("ASSURED", fx.table.stateName(t));

        fx.advance(300);
        assertTrue(fx.table.isLive(t));
        assertEquals(fx.now() + 60_000_000_000L, fx.table.expiresAtNanos(t));
        fx.advance(599);
        assertTrue(fx.table.isLive(c));
        assertTrue(fx.table.isLive(t));
        fx.advance(1); // the connection goes at 900 s
        assertFalse(fx.table.isLive(c));
        assertTrue(fx.table.isLive(t));
        assertEquals(1, a.persistConns());
        fx.advance(60); // the template's next 60 s firing finds nothing to control
        assertFalse(fx.table.isLive(t));
        assertEquals(0, a.persistConns());
    }

    @Test
    void aTemplateWhoseDestinationIsDeletedIsInvalidatedAndTheClientRescheduled() {
        RealServer a = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        RealServer b = addDest(svc, "10.1.0.2", 80, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());
        assertSame(b, fx.table.destination(c));
        int oldTemplate = fx.table.controller(c);
        svc.removeDestination(b);

        int c2 = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40001, "10.0.0.100", 80), fx.now());
        assertSame(a, fx.table.destination(c2));
        assertNotEquals(oldTemplate, fx.table.controller(c2));
        assertEquals(0xFFFF, fx.table.virtualPort(oldTemplate));
        assertEquals(0xFFFF, fx.table.destinationPort(oldTemplate));
        assertTrue(fx.table.isLive(oldTemplate)); // still controls c
        assertEquals(1, b.persistConns());
        assertEquals(1, a.persistConns());
    }

    @Test
    void expireQuiescentTemplateDropsTemplatesOfZeroWeightServers() {
        ConnFixture f = new ConnFixture(16, new ConnectionOptions(false, true));
        RealServer a = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        RealServer b = addDest(svc, "10.1.0.2", 80, ForwardMethod.MASQ);
        int c = f.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 1, "10.0.0.100", 80), f.now());
        assertSame(b, f.table.destination(c));
        svc.editDestination(b, io.jlvs.core.model.DestinationSpec.of(b.address(), 80, ForwardMethod.MASQ, 0));
        int c2 = f.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 2, "10.0.0.100", 80), f.now());
        assertSame(a, f.table.destination(c2));
        assertEquals(0xFFFF, f.table.virtualPort(f.table.controller(c)));
    }

    @Test
    void quiescedServerKeepsPersistentClientsByDefault() {
        addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        RealServer b = addDest(svc, "10.1.0.2", 80, ForwardMethod.MASQ);
        fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 1, "10.0.0.100", 80), fx.now());
        svc.editDestination(b, io.jlvs.core.model.DestinationSpec.of(b.address(), 80, ForwardMethod.MASQ, 0));
        int c2 = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 2, "10.0.0.100", 80), fx.now());
        assertSame(b, fx.table.destination(c2));
    }

    @Test
    void firewallMarkServicesShareOneTemplateAcrossPorts() {
        VirtualService marked = persistentService(new ServiceKey.Mark(AddressFamily.INET, 7), 600, "255.255.255.255");
        RealServer a = addDest(marked, "10.1.0.1", 0, ForwardMethod.DROUTE);
        Flow https = request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 443).setMark(7);
        Flow http = request(Protocol.TCP, "192.168.1.10", 40001, "10.0.0.100", 80).setMark(7);
        int c1 = fx.scheduler.schedule(marked, https, fx.now());
        int c2 = fx.scheduler.schedule(marked, http, fx.now());

        int t = fx.table.controller(c1);
        assertEquals(t, fx.table.controller(c2));
        assertEquals(0, fx.table.protocol(t));
        assertEquals(7, fx.table.virtualWord(t, 0));
        assertEquals(0, fx.table.virtualPort(t));
        assertEquals(443, fx.table.destinationPort(c1));
        assertEquals(80, fx.table.destinationPort(c2));
        ConnectionSnapshot row = templates().getFirst();
        assertEquals("IP", row.protocol());
        assertEquals("0.0.0.7", row.virtualAddress().getHostAddress());
        assertEquals(600_000, row.expiresMillis());
        assertEquals(1, a.persistConns());
    }

    @Test
    void portZeroServicesKeyTheTemplateWithoutAPort() {
        VirtualService any = persistentService(new ServiceKey.Address(Protocol.TCP, ip("10.0.0.100"), 0), 300,
                "255.255.255.255");
        addDest(any, "10.1.0.1", 0, ForwardMethod.DROUTE);
        int c1 = fx.scheduler.schedule(any, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 22), fx.now());
        int c2 = fx.scheduler.schedule(any, request(Protocol.TCP, "192.168.1.10", 40001, "10.0.0.100", 25), fx.now());
        int t = fx.table.controller(c1);
        assertEquals(t, fx.table.controller(c2));
        assertEquals(6, fx.table.protocol(t));
        assertEquals(0, fx.table.virtualPort(t));
        assertEquals(v4("10.0.0.100"), fx.table.virtualWord(t, 0));
        assertEquals(22, fx.table.destinationPort(c1));
    }

    @Test
    void ftpTemplatesCarryNoPorts() {
        VirtualService ftp = persistentService(new ServiceKey.Address(Protocol.TCP, ip("10.0.0.100"), 21), 300,
                "255.255.255.255");
        addDest(ftp, "10.1.0.1", 21, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(ftp, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 21), fx.now());
        int t = fx.table.controller(c);
        assertEquals(0, fx.table.virtualPort(t));
        assertEquals(0, fx.table.destinationPort(t));
        assertEquals(21, fx.table.destinationPort(c));
    }

    @Test
    void ipv6ClientsAreMaskedByPrefixLength() {
        VirtualService v6 = new VirtualService(new io.jlvs.core.model.ServiceSpec(
                new ServiceKey.Address(Protocol.TCP, ip("2001:db8::100"), 80), "test",
                io.jlvs.core.model.ServiceFlags.PERSISTENT, 300, 48, ""), new FirstAvailableScheduler());
        RealServer a = addDest(v6, "2001:db8:1::1", 80, ForwardMethod.MASQ);
        int c1 = fx.scheduler.schedule(v6, request(Protocol.TCP, "2001:db8:aaaa:1::10", 1, "2001:db8::100", 80), fx.now());
        addDest(v6, "2001:db8:1::2", 80, ForwardMethod.MASQ);
        int c2 = fx.scheduler.schedule(v6, request(Protocol.TCP, "2001:db8:aaaa:ffff::1", 1, "2001:db8::100", 80), fx.now());
        int c3 = fx.scheduler.schedule(v6, request(Protocol.TCP, "2001:db8:aaab::1", 1, "2001:db8::100", 80), fx.now());
        assertSame(a, fx.table.destination(c2));
        assertEquals(fx.table.controller(c1), fx.table.controller(c2));
        assertNotEquals(a, fx.table.destination(c3));
    }
}
