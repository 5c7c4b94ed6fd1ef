package io.jlvs.bench;

import io.jlvs.core.model.Protocol;
import io.jlvs.core.service.Flow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The connection table's per-packet and per-connection work, with allocation (-prof gc; the target
 * is 0 B/op): finding an entry by a request's tuple and by a reply's in a table of 1 Mi entries
 * (clients visited in a scattered order), scheduling a new connection into a table at its working
 * size, and the timer wheel expiring entries. bench/conntable runs it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx2g"})
public class ConnectionTableBenchmark {
    /** Connections scheduled, or expired, per invocation of insert and expire. */
    static final int BATCH = 1 << 16;

    /** A table holding 1 Mi established-to-be connections, and each one's real server. */
    @State(Scope.Thread)
    public static class Full {
        static final int ENTRIES = 1 << 20;
        /** An odd step: visits every client once per round, far from the last. */
        static final int STEP = 0x779B1;
        final ConnectionTableFixture fx = new ConnectionTableFixture();
        final int[] serverAddress = new int[ENTRIES];
        final Flow flow = new Flow();
        int next;

        @Setup(Level.Trial)
        public void fill() {
            for (int i = 0; i < ENTRIES; i++) {
                int slot = fx.connect(flow, i);
                serverAddress[i] = fx.table.destinationWord(slot, 0);
            }
        }

        int nextClient() {
            next = (next + STEP) & (ENTRIES - 1);
            return next;
        }
    }

    /** A table grown to hold a batch, emptied before each invocation. */
    @State(Scope.Thread)
    public static class Empty {
        final ConnectionTableFixture fx = new ConnectionTableFixture();
        final Flow flow = new Flow();
        int round;

        @Setup(Level.Trial)
        public void grow() {
            for (int i = 0; i < BATCH; i++) {
                fx.connect(flow, i);
            }
            fx.expireAll();
        }

        @Setup(Level.Invocation)
        public void empty() {
            fx.expireAll();
            round++;
        }
    }

    /** A table holding a batch of connections, refilled before each invocation. */
    @State(Scope.Thread)
    public static class Filled {
        final ConnectionTableFixture fx = new ConnectionTableFixture();
        final Flow flow = new Flow();

        @Setup(Level.Invocation)
        public void fill() {
            for (int i = 0; i < BATCH; i++) {
                fx.connect(flow, i);
            }
        }
    }

    @Benchmark
    public int lookupRequest(Full s) {
        return s.fx.table.findInbound(ConnectionTableFixture.request(s.flow, s.nextClient()));
    }

    @Benchmark
    public int lookupReply(Full s) {
        int i = s.nextClient();
        s.flow.setIpv4(Protocol.TCP, s.serverAddress[i], ConnectionTableFixture.DEST_PORT, 0xC0000000 | (i >>> 14),
                1024 + (i & 0x3FFF));
        return s.fx.table.findOutbound(s.flow);
    }

    /** Schedules a batch of new connections (rr, bind, both indexes, the wheel) into an empty table. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void insert(Empty s, Blackhole bh) {
        int base = (s.round & 15) * BATCH; // other clients each round, so no tuple repeats soon
        for (int i = 0; i < BATCH; i++) {
            bh.consume(s.fx.connect(s.flow, base + i));
        }
    }

    /** The wheel fires for a batch of entries created 100 us apart: each is unbound and unhashed. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int expire(Filled s) {
        s.fx.now += 1000L * 1_000_000_000L;
        int fired = s.fx.table.expire(s.fx.now);
        if (fired != BATCH || s.fx.table.size() != 0) {
            throw new IllegalStateException("fired " + fired + ", left " + s.fx.table.size());
        }
        return fired;
    }
}
