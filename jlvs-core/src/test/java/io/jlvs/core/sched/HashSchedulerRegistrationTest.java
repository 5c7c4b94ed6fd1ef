package io.jlvs.core.sched;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hash and locality schedulers are registered under their kernel names. */
class HashSchedulerRegistrationTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "dh, DestinationHashing",
        "sh, SourceHashing",
        "mh, MaglevHashing",
        "lblc, LocalityBasedLeastConnection",
        "lblcr, LocalityBasedLeastConnectionReplication",
    })
    void eachNameCreatesAFreshInstanceOfItsAlgorithm(String name, String simpleName) {
        assertTrue(SchedulerRegistry.exists(name));
        Scheduler first = SchedulerRegistry.create(name, SchedulerContext.standard()).orElseThrow();
        Scheduler second = SchedulerRegistry.create(name, SchedulerContext.standard()).orElseThrow();
        assertEquals(simpleName, first.getClass().getSimpleName());
        assertNotSame(first, second);
    }
}
