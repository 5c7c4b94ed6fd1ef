package io.jlvs.core.conn;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table grown, as an engine's is, from a small start to 1,000,000 established IPv4 connections
 * holds them in at most 128 MiB of heap beyond what was in use before it was built (heap used
 * after a full GC, measured twice). Needs a heap of about 512 MiB (the grow copies old and new
 * arrays at once).
 */
class ConnectionTableMemoryTest {
    private static final int CONNECTIONS = 1_000_000;
    private static final long BUDGET_BYTES = 128L << 20;
    private static final int SYN = TcpStateTable.event(TcpStateTable.FLAG_SYN);
    private static final int SYN_ACK = TcpStateTable.event(TcpStateTable.FLAG_SYN | TcpStateTable.FLAG_ACK);
    private static final int ACK = TcpStateTable.event(TcpStateTable.FLAG_ACK);

    @Test
    void aMillionConnectionsFitInOneHundredTwentyEightMebibytesBeyondTheBase() {
        VirtualService svc = service(Protocol.TCP, "10.0.0.100", 80, new CyclingScheduler());
        addDest(svc, "10.1.0.1", 8080, ForwardMethod.MASQ);
        addDest(svc, "10.1.0.2", 8080, ForwardMethod.MASQ);
        Flow request = new Flow();
        Flow reply = new Flow();
        long base = heapUsedAfterGc();

        ConnFixture fx = new ConnFixture(16, ConnectionTable.DEFAULT_MAX_CAPACITY);
        for (int i = 0; i < CONNECTIONS; i++) {
            request.setIpv4(Protocol.TCP, 0xC0000000 | (i >>> 14), 1024 + (i & 0x3FFF), 0x0A000064, 80);
            int slot = fx.scheduler.schedule(svc, request, fx.now());
            assertTrue(slot >= 0, "connection " + i + ": " + slot);
            fx.table.inbound(slot, SYN, 60, fx.now());
            fx.table.outbound(slot, SYN_ACK, 60, fx.now());
            fx.table.inbound(slot, ACK, 1500, fx.now());
        }
        long full = heapUsedAfterGc();

        assertEquals(CONNECTIONS, fx.table.size());
        request.setIpv4(Protocol.TCP, 0xC0000000 | (CONNECTIONS - 1 >>> 14), 1024 + (CONNECTIONS - 1 & 0x3FFF),
                0x0A000064, 80);
        int last = fx.table.findInbound(request);
        assertTrue(last >= 0, "the last connection is found");
        var server = fx.table.destination(last);
        reply.setIpv4(Protocol.TCP, server.addressWord(0), 8080, request.sourceWord(0), request.sourcePort());
        assertEquals(last, fx.table.findOutbound(reply), "and found by its reply");
        long used = full - base;
        System.out.printf("ConnectionTableMemoryTest: %,d entries in %,d slots: %,d bytes beyond the base"
                + " (%.1f MiB, %.1f bytes per entry)%n", fx.table.size(), fx.table.capacity(), used,
                used / (double) (1 << 20), used / (double) CONNECTIONS);
        assertTrue(used <= BUDGET_BYTES, "used " + used + " bytes beyond the base, budget " + BUDGET_BYTES);
        Reference.reachabilityFence(fx);
    }

    private static long heapUsedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
