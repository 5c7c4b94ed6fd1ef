package io.jlvs.core.sched;

import io.jlvs.core.service.VirtualService;

import java.time.Duration;

/**
 * What lblc and lblcr share: the cache keyed by destination address, its expiration setting and
 * the kernel's periodic check, replayed from the times schedule() receives.
 */
abstract class LocalityScheduler<E extends LocalityEntry> implements Scheduler {
    protected final LocalityTable<E> table = new LocalityTable<>();
    protected long expirationNanos;

    LocalityScheduler(Duration expiration) {
        setExpiration(expiration);
    }

    /** Sets the scheduler's net.ipv4.vs.*_expiration. */
    public void setExpiration(Duration expiration) {
        expirationNanos = expiration.toNanos();
    }

    /**
     * Arms the periodic check at the time the service binds this scheduler, as the kernel's
     * init_service does. Without it, the first schedule() arms it, which shifts only when the
     * full checks fall (the table is empty until then).
     */
    public void startTimer(long nowNanos) {
        if (!table.armed() && !table.dead()) {
            table.arm(nowNanos);
        }
    }

    /**
     * Runs the periodic checks due by now (schedule() does this first); an engine may call it on
     * an idle service so that stale entries go when the kernel's timer would drop them.
     */
    public void advanceTo(long nowNanos) {
        startTimer(nowNanos);
        table.advanceTo(nowNanos, expirationNanos);
    }

    @Override
    public void doneService(VirtualService service) {
        table.flush();
    }
}
