package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry holds exactly the kernel's schedulers, each name giving a fresh instance of its algorithm. */
class SchedulerRegistryTest {
    /** The names the kernel's ip_vs_*.c schedulers register (Linux 6.12 net/netfilter/ipvs), with our class for each. */
    private static final Map<String, Class<? extends Scheduler>> KERNEL_SCHEDULERS = Map.ofEntries(
            entry("rr", RoundRobin.class),
            entry("wrr", WeightedRoundRobin.class),
            entry("lc", LeastConnection.class),
            entry("wlc", WeightedLeastConnection.class),
            entry("lblc", LocalityBasedLeastConnection.class),
            entry("lblcr", LocalityBasedLeastConnectionReplication.class),
            entry("dh", DestinationHashing.class),
            entry("sh", SourceHashing.class),
            entry("sed", ShortestExpectedDelay.class),
            entry("nq", NeverQueue.class),
            entry("fo", WeightedFailover.class),
            entry("ovf", WeightedOverflow.class),
            entry("mh", MaglevHashing.class),
            entry("twos", TwoChoice.class));

    /** The cases: whatever the registry holds, so a scheduler registered later is tested too. */
    static List<String> registeredNames() {
        List<String> names = new ArrayList<>();
        SchedulerRegistry.names().forEach(names::add);
        return names;
    }

    @Test
    void theRegistryHoldsExactlyTheKernelsFourteenSchedulers() {
        assertEquals(new TreeSet<>(KERNEL_SCHEDULERS.keySet()), new TreeSet<>(registeredNames()));
        assertEquals(14, registeredNames().size());
        assertFalse(SchedulerRegistry.exists("none"), "none is no scheduler but the absence of one");
        assertFalse(SchedulerRegistry.exists("RR"), "names are case-sensitive, as the kernel's strcmp");
        assertTrue(SchedulerRegistry.create("nope", SchedulerContext.standard()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredNames")
    void eachNameGivesAFreshInstanceOfItsAlgorithm(String name) {
        assertTrue(SchedulerRegistry.exists(name));
        Class<? extends Scheduler> type = KERNEL_SCHEDULERS.get(name);
        assertNotNull(type, name + " is not a kernel scheduler's name");
        SchedulerContext context = SchedulerContext.standard();
        Scheduler first = SchedulerRegistry.create(name, context).orElseThrow();
        Scheduler second = SchedulerRegistry.create(name, context).orElseThrow();
        assertInstanceOf(type, first);
        // Per-service state (rr's cursor, wrr's cw) lives in the instance: never share one.
        assertNotSame(first, second);
    }
}
