package io.jlvs.core.conn;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.ip;
import static io.jlvs.core.conn.ConnFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table that starts small grows as entries arrive (doubling up to its maximum) and keeps every
 * entry where it was: both indexes, the timer wheel and the destinations' counts stay intact.
 */
class ConnectionTableGrowthTest {
    private static final int CONNECTIONS = 10_000;
    private static final int VIP = 0x0A000064;
    private static final int SYN = TcpStateTable.event(TcpStateTable.FLAG_SYN);
    private static final int SYN_ACK = TcpStateTable.event(TcpStateTable.FLAG_SYN | TcpStateTable.FLAG_ACK);
    private static final int ACK = TcpStateTable.event(TcpStateTable.FLAG_ACK);
    private static final int RST = TcpStateTable.event(TcpStateTable.FLAG_RST);

    @Test
    void aTableStartingAtFourTakesTenThousandConnectionsAndFindsEachByBothTuples() {
        ConnFixture fx = new ConnFixture(4, ConnectionTable.DEFAULT_MAX_CAPACITY);
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new CyclingScheduler());
        addDest(svc, "10.1.0.1", 8080, ForwardMethod.MASQ);
        addDest(svc, "10.1.0.2", 8080, ForwardMethod.MASQ);
        addDest(svc, "10.1.0.3", 8080, ForwardMethod.MASQ);
        Flow flow = new Flow();
        int[] slots = new int[CONNECTIONS];
        RealServer[] servers = new RealServer[CONNECTIONS];
        TreeSet<Integer> capacities = new TreeSet<>();

        for (int i = 0; i < CONNECTIONS; i++) {
            capacities.add(fx.table.capacity());
            int slot = fx.scheduler.schedule(svc, request(flow, i), fx.now());
            assertTrue(slot >= 0, "connection " + i + ": " + slot);
            slots[i] = slot;
            servers[i] = fx.table.destination(slot);
            fx.table.inbound(slot, SYN, 60, fx.now());
            fx.table.outbound(slot, SYN_ACK, 60, fx.now());
            fx.table.inbound(slot, ACK, 100 + i % 7, fx.now());
            if (!established(i)) { // reset once established: CLOSE, inactive
                fx.table.inbound(slot, RST, 40, fx.now());
            }
            if (i % 5 == 0) { // as a FULLNAT entry: replies come back to a local address
                fx.table.setLocalAddress(slot, new int[] {localAddress(i), 0, 0, 0}, localPort(i));
            }
        }
        capacities.add(fx.table.capacity());

        assertEquals(List.of(4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384),
                List.copyOf(capacities));
        assertEquals(CONNECTIONS, fx.table.size());
        Flow reply = new Flow();
        for (int i = 0; i < CONNECTIONS; i++) {
            String where = "connection " + i;
            int slot = slots[i];
            assertEquals(slot, fx.table.findInbound(request(flow, i)), where);
            RealServer server = servers[i];
            assertSame(server, fx.table.destination(slot), where);
            int replyTo = i % 5 == 0 ? localAddress(i) : client(i);
            int replyPort = i % 5 == 0 ? localPort(i) : clientPort(i);
            reply.setIpv4(Protocol.TCP, server.addressWord(0), 8080, replyTo, replyPort);
            assertEquals(slot, fx.table.findOutbound(reply), where);
            assertEquals(established(i) ? "ESTABLISHED" : "CLOSE", fx.table.stateName(slot), where);
            assertEquals(established(i) ? 2 : 3, fx.table.inPackets(slot), where);
            assertEquals(160 + i % 7 + (established(i) ? 0 : 40), fx.table.inBytes(slot), where);
            assertEquals(1, fx.table.outPackets(slot), where);
            assertEquals(60, fx.table.outBytes(slot), where);
            assertEquals(client(i), fx.table.clientWord(slot, 0), where);
            assertEquals(clientPort(i), fx.table.clientPort(slot), where);
            assertEquals(VIP, fx.table.virtualWord(slot, 0), where);
            assertEquals(80, fx.table.virtualPort(slot), where);
            assertEquals(8080, fx.table.destinationPort(slot), where);
            assertEquals(ProtocolStates.IPPROTO_TCP, fx.table.protocol(slot), where);
        }
        for (RealServer server : svc.destinations()) {
            int active = 0;
            int inactive = 0;
            for (int i = 0; i < CONNECTIONS; i++) {
                if (servers[i] == server) {
                    if (established(i)) {
                        active++;
                    } else {
                        inactive++;
                    }
                }
            }
            assertEquals(active, server.activeConns(), server.toString());
            assertEquals(inactive, server.inactConns(), server.toString());
        }
    }

    @Test
    void templatesAndIpv6EntriesSurviveGrows() {
        ConnFixture fx = new ConnFixture(2, 4096);
        VirtualService sticky = ConnFixture.persistentService(
                new ServiceKey.Address(Protocol.TCP, ip("10.0.0.101"), 443), 300, "255.255.255.255");
        RealServer stickyServer = addDest(sticky, "10.1.0.9", 443, ForwardMethod.MASQ);
        VirtualService v6 = service(Protocol.TCP, "2001:db8::100", 80, new CyclingScheduler());
        RealServer v6Server = addDest(v6, "2001:db8:1::1", 80, ForwardMethod.MASQ);
        Flow flow = new Flow();
        int clients = 500;
        int[] stickySlots = new int[clients];
        int[] v6Slots = new int[clients];
        for (int i = 0; i < clients; i++) {
            stickySlots[i] = fx.scheduler.schedule(sticky, flow.setIpv4(Protocol.TCP, client(i), 5000, 0x0A000065, 443),
                    fx.now());
            v6Slots[i] = fx.scheduler.schedule(v6, flow.set(Protocol.TCP, v6Client(i), 6000, ip("2001:db8::100"), 80),
                    fx.now());
            assertTrue(stickySlots[i] >= 0 && v6Slots[i] >= 0, "client " + i);
        }
        assertEquals(2048, fx.table.capacity()); // 1,500 entries: a template and two connections per client

        assertEquals(clients, stickyServer.persistConns());
        assertEquals(clients, stickyServer.inactConns());
        assertEquals(clients, v6Server.inactConns());
        Flow reply = new Flow();
        for (int i = 0; i < clients; i++) {
            String where = "client " + i;
            int slot = stickySlots[i];
            assertEquals(slot, fx.table.findInbound(flow.setIpv4(Protocol.TCP, client(i), 5000, 0x0A000065, 443)), where);
            int template = fx.table.controller(slot);
            assertTrue(template != ConnectionTable.NONE && fx.table.isTemplate(template), where);
            assertEquals(1, fx.table.controlledCount(template), where);
            assertEquals(client(i), fx.table.clientWord(template, 0), where);
            assertSame(stickyServer, fx.table.destination(template), where);
            // Another connection from the same client reuses the template found through the rebuilt index.
            int again = fx.scheduler.schedule(sticky, flow.setIpv4(Protocol.TCP, client(i), 5001, 0x0A000065, 443),
                    fx.now());
            assertEquals(template, fx.table.controller(again), where);

            int v6Slot = v6Slots[i];
            assertEquals(v6Slot, fx.table.findInbound(flow.set(Protocol.TCP, v6Client(i), 6000, ip("2001:db8::100"), 80)),
                    where);
            reply.set(Protocol.TCP, v6Server.address(), 80, v6Client(i), 6000);
            assertEquals(v6Slot, fx.table.findOutbound(reply), where);
        }
        List<ConnectionSnapshot> rows = new ArrayList<>();
        fx.table.forEach(fx.now(), rows::add);
        assertEquals(2000, rows.size());
        assertEquals(clients, rows.stream().filter(ConnectionSnapshot::template).count());
        assertEquals(List.of(v6Server.address()), rows.stream().filter(r -> r.clientAddress().equals(v6Client(7)))
                .map(ConnectionSnapshot::destinationAddress).toList());
    }

    @Test
    void entriesArmedBeforeAndAfterAGrowExpireOnTime() {
        ConnFixture fx = new ConnFixture(4, 1024);
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new CyclingScheduler());
        addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        Flow flow = new Flow();
        List<Integer> before = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int slot = fx.scheduler.schedule(svc, request(flow, i), fx.now());
            fx.table.inbound(slot, SYN, 60, fx.now());
            before.add(slot);
        }
        long synRecvSeconds = fx.table.timeoutNanos(before.getFirst()) / 1_000_000_000L;
        assertEquals(4, fx.table.capacity());

        assertEquals(0, fx.advance(20));
        List<Integer> after = new ArrayList<>();
        for (int i = 4; i < 44; i++) {
            int slot = fx.scheduler.schedule(svc, request(flow, i), fx.now());
            fx.table.inbound(slot, SYN, 60, fx.now());
            after.add(slot);
        }
        assertEquals(64, fx.table.capacity());
        // One entry made before the grow is re-armed after it: ESTABLISHED outlives the others.
        int kept = before.getFirst();
        fx.table.outbound(kept, SYN_ACK, 60, fx.now());
        fx.table.inbound(kept, ACK, 60, fx.now());

        assertEquals(0, fx.advance(synRecvSeconds - 21));
        assertEquals(3, fx.advance(2), "the entries made before the grow");
        for (int slot : before) {
            assertEquals(slot == kept, fx.table.isLive(slot), "slot " + slot);
        }
        assertEquals(0, fx.advance(17));
        assertEquals(40, fx.advance(2), "the entries made after the grow");
        assertEquals(1, fx.table.size());
        assertTrue(fx.table.isLive(kept));
        assertEquals(1, svc.destination(0).activeConns());
        assertEquals(0, svc.destination(0).inactConns());

        for (int i = 100; i < 163; i++) { // freed slots are reused: no grow
            assertTrue(fx.scheduler.schedule(svc, request(flow, i), fx.now()) >= 0);
        }
        assertEquals(64, fx.table.capacity());
    }

    @Test
    void onlyATableAtItsMaximumIsFull() {
        ConnFixture fx = new ConnFixture(3, 10);
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new CyclingScheduler());
        RealServer server = addDest(svc, "10.1.0.1", 80, ForwardMethod.MASQ);
        Flow flow = new Flow();
        TreeSet<Integer> capacities = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            assertTrue(fx.scheduler.schedule(svc, request(flow, i), fx.now()) >= 0, "connection " + i);
            capacities.add(fx.table.capacity());
        }
        assertEquals(List.of(3, 6, 10), List.copyOf(capacities));
        assertEquals(ConnectionScheduler.TABLE_FULL, fx.scheduler.schedule(svc, request(flow, 10), fx.now()));
        assertEquals(10, fx.table.capacity());
        assertEquals(10, server.inactConns());

        assertEquals(10, fx.advance(4)); // the 3 s before a first packet is accounted
        for (int i = 20; i < 30; i++) {
            assertTrue(fx.scheduler.schedule(svc, request(flow, i), fx.now()) >= 0, "connection " + i);
        }
        assertEquals(ConnectionScheduler.TABLE_FULL, fx.scheduler.schedule(svc, request(flow, 30), fx.now()));
        assertEquals(10, fx.table.capacity());
    }

    @Test
    void theOldConstructorGivesAnInitialCapacityAndTheDefaultMaximum() {
        ConnFixture fx = new ConnFixture(8);
        assertEquals(8, fx.table.capacity());
        assertEquals(ConnectionTable.DEFAULT_MAX_CAPACITY, fx.table.maxCapacity());
    }

    @Test
    void aMaximumBelowTheInitialCapacityOrAboveTheLimitIsRefused() {
        ProtocolStates states = new ProtocolStates();
        DestinationRegistry registry = new DestinationRegistry();
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionTable(16, 8, states, registry, ConnectionOptions.DEFAULT, 0));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionTable(16, ConnectionTable.LIMIT_CAPACITY + 1,
                states, registry, ConnectionOptions.DEFAULT, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionTable(0, 8, states, registry, ConnectionOptions.DEFAULT, 0));
        assertFalse(new ConnectionTable(1, 1, states, registry, ConnectionOptions.DEFAULT, 0).isLive(0));
    }

    private static boolean established(int i) {
        return i % 4 != 0;
    }

    private static int client(int i) {
        return 0xC0A80000 | i;
    }

    private static int clientPort(int i) {
        return 1024 + i % 50_000;
    }

    private static int localAddress(int i) {
        return 0x0A090000 | i;
    }

    private static int localPort(int i) {
        return 20_000 + i % 1000;
    }

    private static InetAddress v6Client(int i) {
        return ip("2001:db8:c::" + Integer.toHexString(i + 1));
    }

    private static Flow request(Flow flow, int i) {
        return flow.setIpv4(Protocol.TCP, client(i), clientPort(i), VIP, 80);
    }
}
