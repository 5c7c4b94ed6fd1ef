package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Weighted least-connection scheduling (the kernel's ip_vs_wlc.c): the server with the smallest
 * overhead / weight, compared as overhead1 * weight2 > overhead2 * weight1 in 64 bits.
 * The first server that is not OVERLOADED and has a positive weight is the starting candidate;
 * a later one replaces it only when strictly better, so ties go to the first in list order.
 */
public final class WeightedLeastConnection implements Scheduler {

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        int count = service.destinationCount();
        int first = 0;
        while (first < count && !eligible(service.destination(first))) {
            first++;
        }
        if (first == count) {
            return null;
        }
        RealServer least = service.destination(first);
        int leastOverhead = least.overhead();
        for (int i = first + 1; i < count; i++) {
            RealServer dest = service.destination(i);
            // As the kernel, only OVERLOAD is tested here: a weight-0 server can never be strictly better.
            if (dest.isOverloaded()) {
                continue;
            }
            int overhead = dest.overhead();
            if ((long) leastOverhead * dest.weight() > (long) overhead * least.weight()) {
                least = dest;
                leastOverhead = overhead;
            }
        }
        return least;
    }

    private static boolean eligible(RealServer dest) {
        return !dest.isOverloaded() && dest.weight() > 0;
    }
}
