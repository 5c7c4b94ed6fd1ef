package io.jlvs.core.sched;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerRegistryTest {

    @ParameterizedTest
    @CsvSource({
        "rr,   io.jlvs.core.sched.RoundRobin",
        "wrr,  io.jlvs.core.sched.WeightedRoundRobin",
        "lc,   io.jlvs.core.sched.LeastConnection",
        "wlc,  io.jlvs.core.sched.WeightedLeastConnection",
        "sed,  io.jlvs.core.sched.ShortestExpectedDelay",
        "nq,   io.jlvs.core.sched.NeverQueue",
        "fo,   io.jlvs.core.sched.WeightedFailover",
        "ovf,  io.jlvs.core.sched.WeightedOverflow",
        "twos, io.jlvs.core.sched.TwoChoice",
    })
    void eachKernelNameGivesAFreshInstanceOfItsAlgorithm(String name, Class<?> type) {
        assertTrue(SchedulerRegistry.exists(name));
        SchedulerContext context = SchedulerContext.standard();
        Scheduler first = SchedulerRegistry.create(name, context).orElseThrow();
        Scheduler second = SchedulerRegistry.create(name, context).orElseThrow();
        assertInstanceOf(type, first);
        // Per-service state (rr's cursor, wrr's cw) lives in the instance: never share one.
        assertNotSame(first, second);
    }
}
