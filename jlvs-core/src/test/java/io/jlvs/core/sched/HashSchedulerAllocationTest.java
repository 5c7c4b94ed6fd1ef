package io.jlvs.core.sched;

import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.VirtualService;
import io.jlvs.testkit.ThreadAllocation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Supplier;

import static io.jlvs.core.sched.HashSchedulerFixture.add;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-flow scheduling allocates nothing: dh, sh and mh lookups, and lblc/lblcr cache hits
 * (including the periodic checks they replay). Measured with HotSpot's per-thread allocation counter.
 */
class HashSchedulerAllocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"dh", "sh", "mh", "lblc", "lblcr"})
    void schedulingAKnownFlowAllocatesNothing(String name) {
        Assumptions.assumeTrue(ThreadAllocation.isSupported(), "this JVM does not count allocation per thread");
        Supplier<Scheduler> factory = () -> SchedulerRegistry.create(name, SchedulerContext.standard()).orElseThrow();
        Scheduler scheduler = factory.get();
        VirtualService service = HashSchedulerFixture.service(scheduler, name, ServiceFlags.SCHED1 | ServiceFlags.SCHED2);
        add(service, "10.1.0.1", 1);
        add(service, "10.1.0.2", 3);
        add(service, "10.1.0.3", 2);
        Flow flow = HashSchedulerFixture.flow("172.16.0.7", 40000, "192.168.1.10");
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            now += 1_000_000L;
            assertNotNull(scheduler.schedule(service, flow, now));
        }
        long before = ThreadAllocation.allocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            now += 1_000_000L; // 20 s in all: crosses periodic checks
            scheduler.schedule(service, flow, now);
        }
        long allocated = ThreadAllocation.allocatedBytes() - before;
        // the reflective call itself allocates a little; 20,000 allocating calls would show MBs
        assertTrue(allocated < 4096, name + " allocated " + allocated + " bytes");
    }
}
