package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Weighted failover scheduling (the kernel's ip_vs_fo.c): every connection goes to the usable
 * server with the highest weight; on a tie the first in list order (the newest) wins.
 * OVERLOADED and weight-0 servers are skipped; connection counts play no part.
 */
public final class WeightedFailover implements Scheduler {

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        RealServer highest = null;
        int highestWeight = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            RealServer dest = service.destination(i);
            if (!dest.isOverloaded() && dest.weight() > highestWeight) {
                highest = dest;
                highestWeight = dest.weight();
            }
        }
        return highest;
    }
}
