package io.jlvs.core.engine;

/**
 * The time source an engine is built with: a monotonic clock in nanoseconds. Engines read time only
 * through it, so tests pass a fake clock and never sleep.
 */
@FunctionalInterface
public interface EngineClock {

    /** The current time, on a monotonic clock, in nanoseconds. */
    long nanos();
}
