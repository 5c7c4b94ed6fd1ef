package io.jlvs.bench;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.conn.ConnectionScheduler;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.conn.DestinationRegistry;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.sched.SchedulerRegistry;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.VirtualService;

import java.net.InetAddress;
import java.util.SplittableRandom;

/**
 * A connection table that starts small, a scheduler on it and an rr service of four NAT real
 * servers, for the connection table benchmarks. Client i is 192.0.0.0 plus i / 16384, port
 * 1024 + i % 16384, so a million clients are a million distinct tuples.
 */
final class ConnectionTableFixture {
    static final int VIP = 0x0A000064;
    static final int VPORT = 80;
    static final int DEST_PORT = 8080;
    /** Time between two new connections, so entries spread over the wheel's buckets. */
    static final long ARRIVAL_NANOS = 100_000;

    final ConnectionTable table;
    final ConnectionScheduler scheduler;
    final VirtualService service;
    long now = 1_000_000_000_000L;

    ConnectionTableFixture() {
        table = new ConnectionTable(16, ConnectionTable.DEFAULT_MAX_CAPACITY, new ProtocolStates(),
                new DestinationRegistry(), ConnectionOptions.DEFAULT, now);
        scheduler = new ConnectionScheduler(table);
        ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.100"), VPORT);
        service = new VirtualService(new ServiceSpec(key, "rr", 0, 0, 0xFFFFFFFF, ""),
                SchedulerRegistry.create("rr", new SchedulerContext(new SplittableRandom(42))).orElseThrow());
        for (int d = 1; d <= 4; d++) {
            service.addDestination(DestinationSpec.of(InetAddress.ofLiteral("10.1.0." + d), DEST_PORT,
                    ForwardMethod.MASQ, 1));
        }
    }

    /** Sets flow to client i's request. */
    static Flow request(Flow flow, int i) {
        return flow.setIpv4(Protocol.TCP, 0xC0000000 | (i >>> 14), 1024 + (i & 0x3FFF), VIP, VPORT);
    }

    /** Schedules client i's new connection now, then moves the clock on by one arrival. */
    int connect(Flow flow, int i) {
        int slot = scheduler.schedule(service, request(flow, i), now);
        if (slot < 0) {
            throw new IllegalStateException("client " + i + " not scheduled: " + slot);
        }
        now += ARRIVAL_NANOS;
        return slot;
    }

    /** Expires every entry: the clock moves past the longest timeout. */
    void expireAll() {
        now += 1000L * 1_000_000_000L;
        table.expire(now);
        if (table.size() != 0) {
            throw new IllegalStateException(table.size() + " entries left after expiry");
        }
    }
}
