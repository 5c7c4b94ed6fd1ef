package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Shortest-expected-delay scheduling (the kernel's ip_vs_sed.c): the server with the smallest
 * (activeconns + 1) / weight, counting the incoming connection; inactive connections are ignored.
 * Same search as wlc: the first usable server is the candidate, a later one must be strictly
 * better (64-bit cross products), so ties go to the first in list order.
 */
public final class ShortestExpectedDelay implements Scheduler {

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
        int leastOverhead = expectedOverhead(least);
        for (int i = first + 1; i < count; i++) {
            RealServer dest = service.destination(i);
            if (dest.isOverloaded()) {
                continue;
            }
            int overhead = expectedOverhead(dest);
            if ((long) leastOverhead * dest.weight() > (long) overhead * least.weight()) {
                least = dest;
                leastOverhead = overhead;
            }
        }
        return least;
    }

    /** The kernel's ip_vs_sed_dest_overhead: active connections plus the new one. */
    static int expectedOverhead(RealServer dest) {
        return dest.activeConns() + 1;
    }

    private static boolean eligible(RealServer dest) {
        return !dest.isOverloaded() && dest.weight() > 0;
    }
}
