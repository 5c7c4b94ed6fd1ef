package io.jlvs.core.conn;

import io.jlvs.core.sched.Scheduler;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/** Test-only scheduler: walks the list, skipping servers without weight or overloaded. */
final class CyclingScheduler implements Scheduler {
    private int next;

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        int n = service.destinationCount();
        for (int tried = 0; tried < n; tried++) {
            RealServer dest = service.destination(next++ % n);
            if (dest.weight() > 0 && !dest.isOverloaded()) {
                return dest;
            }
        }
        return null;
    }
}
