package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * schedule() is on the per-connection path: it must not allocate (no iterators, no boxing).
 * The thread's allocation counter (com.sun.management.ThreadMXBean) is reached through method
 * handles, because the test is compiled inside io.jlvs.core, which does not read java.management.
 */
class SchedulerAllocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "twos"})
    void scheduleAllocatesNothing(String scheduler) throws Throwable {
        Object threads;
        MethodHandle allocatedBytes;
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            threads = factory.getMethod("getThreadMXBean").invoke(null);
            Class<?> beanType = Class.forName("com.sun.management.ThreadMXBean");
            assumeTrue(beanType.isInstance(threads), "no per-thread allocation counter on this JVM");
            allocatedBytes = MethodHandles.publicLookup()
                    .findVirtual(beanType, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                    .asType(MethodType.methodType(long.class, Object.class));
        } catch (ReflectiveOperationException e) {
            assumeTrue(false, "no per-thread allocation counter: " + e);
            return;
        }

        SchedulerFixture f = SchedulerFixture.of(scheduler).add("ABCDE", 4, 0, 3, 2, 1)
                .conns('A', 3, 10).conns('C', 1, 0).overload('D', true);
        VirtualService service = f.service();
        Flow flow = new Flow();
        Scheduler s = service.scheduler();
        for (int i = 0; i < 20_000; i++) {
            s.schedule(service, flow, i); // past class loading and the first compilations
        }

        // Warm the counter's own call path, then measure what one reading costs.
        for (int i = 0; i < 3; i++) {
            long ignored = (long) allocatedBytes.invokeExact(threads);
        }
        long mark = (long) allocatedBytes.invokeExact(threads);
        long reading = (long) allocatedBytes.invokeExact(threads) - mark;

        long start = (long) allocatedBytes.invokeExact(threads);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            hits += s.schedule(service, flow, i) != null ? 1 : 0;
        }
        long allocated = (long) allocatedBytes.invokeExact(threads) - start - reading;
        assertEquals(10_000, hits);
        // Any per-call object costs at least 16 bytes a call; the JVM's own one-off bookkeeping
        // (a compilation landing mid-loop) can show up as a few dozen bytes, so allow under 1 byte a call.
        assertTrue(allocated < 10_000, scheduler + " allocated " + allocated + " bytes in 10,000 schedules");
    }
}
