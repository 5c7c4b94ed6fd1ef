package io.jlvs.core.conn;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.VirtualService;
import io.jlvs.testkit.ThreadAllocation;
import org.junit.jupiter.api.Test;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduling, lookups, state changes and expiry allocate nothing once destinations are known and
 * the connection table has grown to its working size.
 */
class HotPathAllocationTest {

    @Test
    void thePacketPathAllocatesNothing() {
        ConnFixture fx = new ConnFixture(16);
        VirtualService plain = ConnFixture.service(Protocol.TCP, "10.0.0.100", 80, new CyclingScheduler());
        addDest(plain, "10.1.0.1", 80, ForwardMethod.MASQ);
        addDest(plain, "10.1.0.2", 80, ForwardMethod.DROUTE);
        VirtualService sticky = ConnFixture.persistentService(
                new ServiceKey.Address(Protocol.TCP, ip("10.0.0.101"), 443), 30, "255.255.255.0");
        addDest(sticky, "10.1.0.3", 443, ForwardMethod.MASQ);
        Flow request = new Flow();
        Flow reply = new Flow();

        run(fx, plain, sticky, request, reply, 20_000); // warm up, register destinations, grow the table
        int workingSize = fx.table.capacity();
        assertTrue(workingSize > 16, "the table grew during the warm-up: " + workingSize);
        long before = ThreadAllocation.allocatedBytes();
        run(fx, plain, sticky, request, reply, 50_000);
        long allocated = ThreadAllocation.allocatedBytes() - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes over 50000 connections");
        assertEquals(workingSize, fx.table.capacity());
    }

    private static void run(ConnFixture fx, VirtualService plain, VirtualService sticky, Flow request, Flow reply,
                            int connections) {
        for (int i = 0; i < connections; i++) {
            VirtualService svc = (i & 1) == 0 ? plain : sticky;
            int vip = (i & 1) == 0 ? 0x0A000064 : 0x0A000065;
            int port = (i & 1) == 0 ? 80 : 443;
            request.setIpv4(Protocol.TCP, 0xC0A80000 | (i & 0xFFF), 1024 + (i & 0x3FFF), vip, port);
            int slot = fx.table.findInbound(request);
            if (slot == ConnectionTable.NONE) {
                slot = fx.scheduler.schedule(svc, request, fx.now());
            }
            if (slot < 0) {
                fx.table.expire(fx.clock.advanceSeconds(1));
                continue;
            }
            fx.table.inbound(slot, TcpStateTable.event(TcpStateTable.FLAG_SYN), 60, fx.now());
            var dest = fx.table.destination(slot);
            reply.setIpv4(Protocol.TCP, dest.addressWord(0), fx.table.destinationPort(slot),
                    request.sourceWord(0), request.sourcePort());
            int back = fx.table.findOutbound(reply);
            if (back >= 0) {
                fx.table.outbound(back, TcpStateTable.event(TcpStateTable.FLAG_SYN | TcpStateTable.FLAG_ACK), 60,
                        fx.now());
            }
            fx.table.inbound(slot, TcpStateTable.event(TcpStateTable.FLAG_ACK), 1500, fx.now());
            fx.table.inbound(slot, TcpStateTable.event(TcpStateTable.FLAG_RST), 40, fx.now());
            if ((i & 63) == 0) {
                fx.table.expire(fx.clock.advanceSeconds(1));
            }
        }
    }
}
