package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * A scheduling algorithm bound to one virtual service (the kernel's struct ip_vs_scheduler with its
 * per-service sched_data held in the instance). Hooks a scheduler does not need stay empty.
 *
 * <p>The service calls the hooks exactly where the kernel does: {@link #initService} when the
 * scheduler is bound (the service may already have destinations), {@link #addDest} after a new
 * destination is put at the head of the list, {@link #updDest} after an edit, {@link #delDest} after
 * a destination is unlinked, and {@link #doneService} when the scheduler is unbound.
 */
public interface Scheduler {

    /** The scheduler is bound to a service. */
    default void initService(VirtualService service) {
    }

    /** The scheduler is unbound from a service. */
    default void doneService(VirtualService service) {
    }

    /** A destination was added to the head of the service's list. */
    default void addDest(VirtualService service, RealServer dest) {
    }

    /** A destination was removed from the service's list. */
    default void delDest(VirtualService service, RealServer dest) {
    }

    /** A destination's weight or settings were edited. */
    default void updDest(VirtualService service, RealServer dest) {
    }

    /**
     * Picks the real server for a new connection, or null when none is available.
     *
     * @param nowNanos the current time on the caller's monotonic clock, in nanoseconds
     */
    RealServer schedule(VirtualService service, Flow flow, long nowNanos);
}
