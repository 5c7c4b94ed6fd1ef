package io.jlvs.testkit;

import java.util.concurrent.TimeUnit;

/** A monotonic clock that moves only when a test advances it. */
public final class FakeClock {
    private long nanos;

    public FakeClock() {
        this(0);
    }

    public FakeClock(long startNanos) {
        this.nanos = startNanos;
    }

    /** The current time in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    /** Moves the clock forward. */
    public long advance(long amount, TimeUnit unit) {
        if (amount < 0) {
            throw new IllegalArgumentException("time never goes back: " + amount);
        }
        nanos += unit.toNanos(amount);
        return nanos;
    }

    public long advanceSeconds(long seconds) {
        return advance(seconds, TimeUnit.SECONDS);
    }
}
