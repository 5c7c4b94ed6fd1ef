package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Never-queue scheduling (the kernel's ip_vs_nq.c): the first usable server with no active
 * connection, else the shortest-expected-delay choice, (activeconns + 1) / weight, ties to the
 * first in list order. OVERLOADED and weight-0 servers are skipped.
 */
public final class NeverQueue implements Scheduler {

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        RealServer least = null;
        int leastOverhead = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            RealServer dest = service.destination(i);
            if (dest.isOverloaded() || dest.weight() == 0) {
                continue;
            }
            if (dest.activeConns() == 0) {
                return dest; // an idle server takes the connection at once
            }
            int overhead = ShortestExpectedDelay.expectedOverhead(dest);
            if (least == null || (long) leastOverhead * dest.weight() > (long) overhead * least.weight()) {
                least = dest;
                leastOverhead = overhead;
            }
        }
        return least;
    }
}
