package io.jlvs.core.conn;

import io.jlvs.core.sched.Scheduler;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/** Test-only scheduler: the first destination in list order with weight that is not overloaded. */
final class FirstAvailableScheduler implements Scheduler {
    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        for (int i = 0; i < service.destinationCount(); i++) {
            RealServer dest = service.destination(i);
            if (dest.weight() > 0 && !dest.isOverloaded()) {
                return dest;
            }
        }
        return null;
    }
}
