package io.jlvs.core.stats;

/**
 * Says when the next 2-second estimator tick is due on an injected clock. A caller that fell
 * more than one period behind gets one tick and the schedule restarts from now, as a late kernel
 * timer does; ticks are never replayed with empty deltas.
 */
public final class EstimationTimer {
    private long nextNanos;

    /** A timer whose first tick is due one period after startNanos. */
    public EstimationTimer(long startNanos) {
        this.nextNanos = startNanos + RateEstimator.TICK_NANOS;
    }

    /** Whether a tick is due at nowNanos; when it is, the next one is scheduled. */
    public boolean due(long nowNanos) {
        if (nowNanos - nextNanos < 0) {
            return false;
        }
        nextNanos += RateEstimator.TICK_NANOS;
        if (nowNanos - nextNanos >= 0) {
            nextNanos = nowNanos + RateEstimator.TICK_NANOS;
        }
        return true;
    }

    /** When the next tick is due. */
    public long nextNanos() {
        return nextNanos;
    }
}
