package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Weighted overflow scheduling (the kernel's ip_vs_ovf.c): the highest-weight server that still
 * has room, first in list order on a tie. A server has room while its active connections do not
 * exceed its weight (the kernel skips it only when activeconns > weight, so activeconns == weight
 * still takes one more). OVERLOADED and weight-0 servers are skipped.
 */
public final class WeightedOverflow implements Scheduler {

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        RealServer highest = null;
        int highestWeight = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            RealServer dest = service.destination(i);
            int weight = dest.weight();
            if (dest.isOverloaded() || dest.activeConns() > weight || weight == 0) {
                continue;
            }
            if (highest == null || weight > highestWeight) {
                highest = dest;
                highestWeight = weight;
            }
        }
        return highest;
    }
}
