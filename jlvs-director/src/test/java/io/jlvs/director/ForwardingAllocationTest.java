package io.jlvs.director;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.Addresses;
import io.jlvs.testkit.ThreadAllocation;
import io.jlvs.testkit.FakeClock;
import io.jlvs.packet.NetworkBytes;
import io.jlvs.testkit.packet.Frames;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jlvs.director.DirectorHarness.CLIENT;
import static io.jlvs.director.DirectorHarness.CLIENT_MAC;
import static io.jlvs.director.DirectorHarness.DIRECTOR;
import static io.jlvs.director.DirectorHarness.DIRECTOR_MAC;
import static io.jlvs.director.DirectorHarness.RS1;
import static io.jlvs.director.DirectorHarness.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forwarding path allocates nothing per frame: new connections (SYNs), packets of existing
 * ones, replies and frames for no one, once next hops are known and the table has its working size;
 * and marked packets of a firewall-mark service, the same.
 */
class ForwardingAllocationTest {
    private static final int L4 = 14 + 20;

    @Test
    void forwardingAllocatesNothingPerFrame() {
        FakeClock clock = new FakeClock(1_000_000_000L);
        List<byte[]> frames = List.of(
                Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).tcp(1, 80).syn().build(),
                Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).tcp(1, 81).syn().build(),
                Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).udp(1, 53).payload(new byte[64]).build(),
                Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, "10.9.9.9").tcp(1, 80).syn().build());
        ReplayPort port = new ReplayPort(frames, new int[]{L4, L4, L4, L4});
        Worker worker = worker(port, clock, MarkedPacketSource.NONE);
        apply(worker, new EngineCommand.AddService(spec(Protocol.TCP, 80)),
                new EngineCommand.AddDestination(key(Protocol.TCP, 80), DestinationSpec.of(ip(RS1), 80, ForwardMethod.MASQ, 1)),
                new EngineCommand.AddService(spec(Protocol.UDP, 53)),
                new EngineCommand.AddDestination(key(Protocol.UDP, 53), DestinationSpec.of(ip(RS1), 53, ForwardMethod.DROUTE, 1)));

        Measured measured = measure(worker, clock, port);
        long frames128k = 2_000L * Worker.BATCH;
        assertTrue(measured.allocated() < 4096, "allocated " + measured.allocated() + " bytes over " + frames128k
                + " frames");
        assertEquals(frames128k / 2, measured.sent(), "the SYNs to :80 and the UDP datagrams left");
        worker.close();
    }

    @Test
    void markedPacketsAllocateNothingEither() {
        FakeClock clock = new FakeClock(1_000_000_000L);
        byte[] syn = Frames.ipv4(CLIENT, VIP).tcp(1, 80).syn().partialChecksum().buildPacket();
        MemorySegment packet = MemorySegment.ofArray(syn);
        int[] sourcePort = {1024};
        MarkedPacketSource marked = new MarkedPacketSource() {
            @Override
            public int receive(MarkedPacketSink sink, int max) {
                for (int i = 0; i < max; i++) {
                    NetworkBytes.setU16(packet, 20, sourcePort[0]);
                    sourcePort[0] = sourcePort[0] == 65_535 ? 1024 : sourcePort[0] + 1;
                    sink.onMarkedPacket(packet, 0, syn.length, 1);
                }
                return max;
            }

            @Override
            public void close() {
            }
        };
        // the port brings only frames for no one (another host's)
        ReplayPort port = new ReplayPort(List.of(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, "10.9.9.9")
                .tcp(1, 80).syn().build()), new int[]{-1});
        Worker worker = worker(port, clock, marked);
        ServiceKey mark = new ServiceKey.Mark(AddressFamily.INET, 1);
        apply(worker, new EngineCommand.AddService(new ServiceSpec(mark, "rr", 0, 300, ServiceSpec.DEFAULT_NETMASK_V4, "")),
                new EngineCommand.AddDestination(mark, DestinationSpec.of(ip(RS1), 80, ForwardMethod.MASQ, 1)));

        Measured measured = measure(worker, clock, port);
        long packets = 2_000L * Worker.BATCH;
        assertTrue(measured.allocated() < 4096, "allocated " + measured.allocated() + " bytes over " + packets
                + " marked packets");
        assertEquals(packets, measured.sent(), "every marked SYN left for the real server");
        worker.close();
    }

    /** Bytes this thread allocated and frames sent over 2,000 duty cycles. */
    private record Measured(long allocated, long sent) {
    }

    /** Warms the worker up (next hops, JIT, the estimator's first runs, every 2 s), then measures 2,000 cycles. */
    private static Measured measure(Worker worker, FakeClock clock, ReplayPort port) {
        cycles(worker, clock, 5_000);
        long sentBefore = port.transmitted;
        long before = ThreadAllocation.allocatedBytes();
        cycles(worker, clock, 2_000);
        return new Measured(ThreadAllocation.allocatedBytes() - before, port.transmitted - sentBefore);
    }

    /** A worker on the port whose next hop is always known. */
    private static Worker worker(ReplayPort port, FakeClock clock, MarkedPacketSource marked) {
        EngineCore core = new EngineCore(SchedulerContext.standard(), ConnectionOptions.DEFAULT, 1 << 16, 1 << 16,
                clock::nanos);
        NextHopResolver.NextHop hop = new NextHopResolver.NextHop(2, 0x020000000011L,
                Addresses.words(InetAddress.ofLiteral(DIRECTOR)));
        return new Worker(0, core, List.of(new InterfacePort(port, 2, 0x02000000000dL)), marked,
                (family, words) -> hop, Runnable::run);
    }

    private static void cycles(Worker worker, FakeClock clock, int count) {
        for (int i = 0; i < count; i++) {
            worker.doWork();
            clock.advance(1, TimeUnit.MILLISECONDS);
        }
    }

    private static void apply(Worker worker, EngineCommand... commands) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.submit(new WorkerTask.Apply(List.of(commands), done));
        worker.doWork();
        done.join();
    }

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    private static ServiceKey key(Protocol protocol, int port) {
        return new ServiceKey.Address(protocol, ip(VIP), port);
    }

    private static ServiceSpec spec(Protocol protocol, int port) {
        return new ServiceSpec(key(protocol, port), "rr", 0, 300, ServiceSpec.DEFAULT_NETMASK_V4, "");
    }
}
