package io.jlvs.bench;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.Scheduler;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.sched.SchedulerRegistry;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one schedule() call per algorithm and destination count. Each call sees a new client
 * address, so hashing schedulers touch different buckets; loads are spread so lc-like schedulers
 * compare real numbers.
 * bench/schedulers reports each figure as a ratio to rr at the same destination count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchedulerBenchmark {

    @Param({"rr", "wrr", "lc", "wlc", "sed", "nq", "lblc", "lblcr", "dh", "sh", "mh", "fo", "ovf", "twos"})
    public String scheduler;

    @Param({"10", "100", "1000"})
    public int destinations;

    private VirtualService service;
    private final Flow flow = new Flow();
    private int client;
    private long now;

    @Setup
    public void setUp() throws UnknownHostException {
        ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("10.0.0.1"), 80);
        ServiceSpec spec = new ServiceSpec(key, scheduler, 0, 0, 0xFFFFFFFF, "");
        Scheduler instance = SchedulerRegistry.create(scheduler, new SchedulerContext(new SplittableRandom(42)))
                .orElseThrow(() -> new IllegalStateException("unknown scheduler " + scheduler));
        service = new VirtualService(spec, instance);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < destinations; i++) {
            InetAddress address = InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i});
            RealServer dest = service.addDestination(DestinationSpec.of(address, 80, ForwardMethod.DROUTE, 1 + random.nextInt(10)));
            dest.setActiveConns(random.nextInt(50));
            dest.setInactConns(random.nextInt(200));
        }
    }

    @Benchmark
    public RealServer schedule() {
        int source = 0xC0A80000 | (client++ & 0xFFFF);
        flow.setIpv4(Protocol.TCP, source, 40000, 0x0A000001, 80);
        now += 1_000_000;
        return service.scheduler().schedule(service, flow, now);
    }
}
