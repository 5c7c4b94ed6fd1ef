package io.jlvs.core.conn;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.proto.PacketDirection;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.reply;
import static io.jlvs.core.conn.ConnFixture.request;
import static io.jlvs.core.conn.ConnFixture.service;
import static io.jlvs.core.proto.TcpStateTable.FLAG_ACK;
import static io.jlvs.core.proto.TcpStateTable.FLAG_FIN;
import static io.jlvs.core.proto.TcpStateTable.FLAG_SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionLifecycleTest {
    private final ConnFixture fx = new ConnFixture(64);

    private void in(int slot, int tcpFlags) {
        fx.table.inbound(slot, TcpStateTable.event(tcpFlags), 60, fx.now());
    }

    private void out(int slot, int tcpFlags) {
        fx.table.outbound(slot, TcpStateTable.event(tcpFlags), 60, fx.now());
    }

    private static void assertCounts(RealServer dest, int active, int inactive) {
        assertEquals(active, dest.activeConns(), "ActiveConn");
        assertEquals(inactive, dest.inactConns(), "InActConn");
    }

    @Test
    void natConnectionMovesBetweenActiveAndInactiveAtStateChanges() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 8080, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());

        assertEquals("NONE", fx.table.stateName(c));
        assertCounts(rs, 0, 1); // bound INACTIVE, as dest->conn_flags carries it
        in(c, FLAG_SYN);
        assertEquals("SYN_RECV", fx.table.stateName(c));
        assertCounts(rs, 1, 0);
        out(c, FLAG_SYN | FLAG_ACK);
        assertEquals("SYN_RECV", fx.table.stateName(c));
        in(c, FLAG_ACK);
        assertEquals("ESTABLISHED", fx.table.stateName(c));
        assertCounts(rs, 1, 0);
        in(c, FLAG_FIN | FLAG_ACK);
        assertEquals("CLOSE_WAIT", fx.table.stateName(c));
        assertCounts(rs, 0, 1);
        out(c, FLAG_FIN | FLAG_ACK);
        assertEquals("TIME_WAIT", fx.table.stateName(c));
        in(c, FLAG_ACK);
        assertEquals("TIME_WAIT", fx.table.stateName(c));
        assertCounts(rs, 0, 1);

        fx.advance(119);
        assertTrue(fx.table.isLive(c));
        fx.advance(1);
        assertFalse(fx.table.isLive(c));
        assertCounts(rs, 0, 0);
        assertEquals(0, fx.table.size());
    }

    @Test
    void directRoutingConnectionReadsTheInputOnlyTable() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, ForwardMethod.DROUTE);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());
        assertTrue((fx.table.flags(c) & ConnectionFlags.NOOUTPUT) != 0);

        in(c, FLAG_SYN);
        assertEquals("SYN_RECV", fx.table.stateName(c));
        assertCounts(rs, 1, 0);
        in(c, FLAG_ACK);
        assertEquals("ESTABLISHED", fx.table.stateName(c));
        in(c, FLAG_FIN | FLAG_ACK);
        // the INPUT table would say CLOSE_WAIT; without replies the kernel reads INPUT_ONLY: FIN_WAIT
        assertEquals("FIN_WAIT", fx.table.stateName(c));
        assertCounts(rs, 0, 1);
        assertEquals(120_000_000_000L, fx.table.timeoutNanos(c));
    }

    @Test
    void aReplyClearsNoOutputAndSwitchesBackToTheInputTable() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        addDest(svc, "10.1.0.1", 80, ForwardMethod.TUNNEL);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());
        in(c, FLAG_SYN);
        out(c, FLAG_SYN | FLAG_ACK);
        assertEquals(0, fx.table.flags(c) & ConnectionFlags.NOOUTPUT);
        in(c, FLAG_ACK);
        in(c, FLAG_FIN);
        assertEquals("CLOSE_WAIT", fx.table.stateName(c));
    }

    @Test
    void replyIsFoundByTheRealServerSideTuple() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 8080, ForwardMethod.MASQ);
        Flow req = request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80);
        int c = fx.scheduler.schedule(svc, req, fx.now());
        fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.11", 40000, "10.0.0.100", 80), fx.now());

        assertEquals(c, fx.table.findInbound(req));
        assertEquals(c, fx.table.findOutbound(reply(Protocol.TCP, rs, 8080, "192.168.1.10", 40000)));
        assertEquals(ConnectionTable.NONE, fx.table.findOutbound(reply(Protocol.TCP, rs, 80, "192.168.1.10", 40000)));
        assertEquals(ConnectionTable.NONE, fx.table.findOutbound(reply(Protocol.UDP, rs, 8080, "192.168.1.10", 40000)));
        assertEquals(ConnectionTable.NONE,
                fx.table.findInbound(request(Protocol.TCP, "192.168.1.10", 40001, "10.0.0.100", 80)));
    }

    @Test
    void setTimeoutsAppliesFromTheNextStateChange() {
        fx.states.setTimeouts(new Timeouts(30, 20, 0));
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, ForwardMethod.DROUTE);
        int established = fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 1000, "10.0.0.100", 80), fx.now());
        in(established, FLAG_SYN);
        in(established, FLAG_ACK);
        int finWait = fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.2", 1000, "10.0.0.100", 80), fx.now());
        in(finWait, FLAG_SYN);
        in(finWait, FLAG_ACK);
        in(finWait, FLAG_FIN);
        assertEquals("FIN_WAIT", fx.table.stateName(finWait));

        fx.advance(19);
        assertTrue(fx.table.isLive(finWait));
        fx.advance(1);
        assertFalse(fx.table.isLive(finWait));
        assertTrue(fx.table.isLive(established));
        fx.advance(10);
        assertFalse(fx.table.isLive(established));
        assertCounts(rs, 0, 0);
    }

    @Test
    void eachPacketReArmsTheTimer() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 1000, "10.0.0.100", 80), fx.now());
        in(c, FLAG_SYN);
        in(c, FLAG_ACK);
        for (int i = 0; i < 5; i++) {
            fx.advance(800);
            in(c, FLAG_ACK);
        }
        assertTrue(fx.table.isLive(c));
        assertEquals(fx.now() + 900_000_000_000L, fx.table.expiresAtNanos(c));
        fx.advance(900);
        assertFalse(fx.table.isLive(c));
    }

    @Test
    void anUntouchedNewEntryExpiresAfterThreeSeconds() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 1000, "10.0.0.100", 80), fx.now());
        fx.advance(2);
        assertTrue(fx.table.isLive(c));
        fx.advance(1);
        assertFalse(fx.table.isLive(c));
        assertCounts(rs, 0, 0);
    }

    @Test
    void udpConnectionsAreInactiveAndLiveForTheUdpTimeout() {
        fx.states.setTimeouts(new Timeouts(0, 0, 45));
        VirtualService svc = service(Protocol.UDP, "10.0.0.100", 53, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 53, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.UDP, "1.1.1.1", 5353, "10.0.0.100", 53), fx.now());
        fx.table.inbound(c, 0, 80, fx.now());
        fx.table.outbound(c, 0, 120, fx.now());
        assertEquals("UDP", fx.table.stateName(c));
        assertCounts(rs, 0, 1);
        fx.advance(44);
        assertTrue(fx.table.isLive(c));
        fx.advance(1);
        assertFalse(fx.table.isLive(c));
        assertCounts(rs, 0, 0);
    }

    @Test
    void onePacketUdpEntriesAreNeverIndexedAndGoAfterTheirPacket() {
        VirtualService svc = new VirtualService(new io.jlvs.core.model.ServiceSpec(
                new io.jlvs.core.model.ServiceKey.Address(Protocol.UDP, ConnFixture.ip("10.0.0.100"), 53), "test",
                io.jlvs.core.model.ServiceFlags.ONEPACKET, 0, -1, ""), new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 53, ForwardMethod.MASQ);
        Flow flow = request(Protocol.UDP, "1.1.1.1", 5353, "10.0.0.100", 53);
        int c = fx.scheduler.schedule(svc, flow, fx.now());
        assertTrue((fx.table.flags(c) & ConnectionFlags.ONE_PACKET) != 0);
        assertEquals(ConnectionTable.NONE, fx.table.findInbound(flow));
        assertCounts(rs, 0, 1);
        fx.table.inbound(c, 0, 100, fx.now());
        assertFalse(fx.table.isLive(c));
        assertCounts(rs, 0, 0);
        assertEquals(1, rs.stats().snapshot().inPackets());
    }

    @Test
    void aDeletedDestinationKeepsItsConnectionsButTheirPacketsAreDropped() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 1000, "10.0.0.100", 80), fx.now());
        in(c, FLAG_SYN);
        in(c, FLAG_ACK);
        svc.removeDestination(rs);

        assertEquals(ConnectionTable.DROP, fx.table.admit(c, fx.now()));
        assertTrue(fx.table.isLive(c));
        assertCounts(rs, 1, 0);
        svc.emptyTrash(); // still referenced: stays in the trash
        fx.advance(900);
        assertFalse(fx.table.isLive(c));
        assertCounts(rs, 0, 0);
        assertEquals(1, fx.registry.prune());
    }

    @Test
    void expireNodestConnExpiresTheEntrySoTheFlowIsScheduledAgain() {
        ConnFixture f = new ConnFixture(16, new ConnectionOptions(true, false));
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer gone = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        Flow flow = request(Protocol.TCP, "1.1.1.1", 1000, "10.0.0.100", 80);
        int c = f.scheduler.schedule(svc, flow, f.now());
        f.table.inbound(c, TcpStateTable.event(FLAG_SYN), 60, f.now());
        RealServer other = addDest(svc, "10.1.0.2", 80, ForwardMethod.MASQ);
        svc.removeDestination(gone);

        assertEquals(ConnectionTable.RESCHEDULE, f.table.admit(f.table.findInbound(flow), f.now()));
        assertEquals(ConnectionTable.NONE, f.table.findInbound(flow));
        assertCounts(gone, 0, 0);
        int again = f.scheduler.schedule(svc, flow, f.now());
        assertEquals(other, f.table.destination(again));
    }

    @Test
    void countersReachTheDestinationAndItsService() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 1000, "10.0.0.100", 80), fx.now());
        fx.table.inbound(c, TcpStateTable.event(FLAG_SYN), 60, fx.now());
        fx.table.outbound(c, TcpStateTable.event(FLAG_SYN | FLAG_ACK), 60, fx.now());
        fx.table.inbound(c, TcpStateTable.event(FLAG_ACK), 1500, fx.now());

        assertEquals(new io.jlvs.core.model.TrafficStats(1, 2, 1, 1560, 60), rs.stats().snapshot());
        assertEquals(new io.jlvs.core.model.TrafficStats(1, 2, 1, 1560, 60), svc.stats().snapshot());
        assertEquals(2, fx.table.inPackets(c));
        assertEquals(1560, fx.table.inBytes(c));
    }

    @Test
    void listingShowsBothEndsStateAndTimeLeft() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        addDest(svc, "10.1.0.1", 8080, ForwardMethod.MASQ);
        int c = fx.scheduler.schedule(svc, request(Protocol.TCP, "192.168.1.10", 40000, "10.0.0.100", 80), fx.now());
        in(c, FLAG_SYN);
        fx.clock.advanceSeconds(15);
        List<ConnectionSnapshot> rows = new ArrayList<>();
        fx.table.forEach(fx.now(), rows::add);

        assertEquals(1, rows.size());
        ConnectionSnapshot row = rows.getFirst();
        assertEquals("TCP", row.protocol());
        assertEquals("192.168.1.10", row.clientAddress().getHostAddress());
        assertEquals(40000, row.clientPort());
        assertEquals("10.0.0.100", row.virtualAddress().getHostAddress());
        assertEquals(80, row.virtualPort());
        assertEquals("10.1.0.1", row.destinationAddress().getHostAddress());
        assertEquals(8080, row.destinationPort());
        assertEquals("SYN_RECV", row.state());
        assertEquals(45_000, row.expiresMillis());
        assertFalse(row.template());
    }

    @Test
    void aTableFullAtItsMaximumRefusesNewEntries() {
        ConnFixture f = new ConnFixture(2, 2);
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        assertTrue(f.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 1, "10.0.0.100", 80), f.now()) >= 0);
        assertTrue(f.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 2, "10.0.0.100", 80), f.now()) >= 0);
        assertEquals(ConnectionScheduler.TABLE_FULL,
                f.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 3, "10.0.0.100", 80), f.now()));
        assertEquals(2, rs.inactConns());
    }

    @Test
    void aNonPersistentServiceSchedulesOnlyItsOwnPort() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        assertEquals(ConnectionScheduler.NO_DESTINATION,
                fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 1, "10.0.0.100", 443), fx.now()));
        VirtualService empty = service(Protocol.TCP, "10.0.0.101", 80, new FirstAvailableScheduler());
        assertEquals(ConnectionScheduler.NO_DESTINATION,
                fx.scheduler.schedule(empty, request(Protocol.TCP, "1.1.1.1", 1, "10.0.0.101", 80), fx.now()));
    }

    @Test
    void activeFtpDataFromPortTwentyIsNeverScheduled() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new FirstAvailableScheduler());
        RealServer rs = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        assertEquals(ConnectionScheduler.NOT_SCHEDULED,
                fx.scheduler.schedule(svc, request(Protocol.TCP, "1.1.1.1", 20, "10.0.0.100", 80), fx.now()));
        assertEquals(0, rs.totalConns());
    }

    @Test
    void directionConstantsMatchTheKernel() {
        assertEquals(0, PacketDirection.INPUT);
        assertEquals(1, PacketDirection.OUTPUT);
        assertEquals(2, PacketDirection.INPUT_ONLY);
    }
}
