package io.jlvs.core.sched;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a scheduler may draw on besides its service: the random source (twos) is injected here so
 * tests can fix it.
 */
public record SchedulerContext(RandomGenerator random) {
    public SchedulerContext {
        Objects.requireNonNull(random, "random");
    }

    /** A context with an unseeded random source, for production use. */
    public static SchedulerContext standard() {
        return new SchedulerContext(RandomGenerator.of("L64X128MixRandom"));
    }
}
