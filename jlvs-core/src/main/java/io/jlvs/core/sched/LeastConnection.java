package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Least-connection scheduling (the kernel's ip_vs_lc.c): the server with the smallest overhead
 * (activeconns * 256 + inactconns), ignoring weights except that weight 0 quiesces a server.
 * OVERLOADED servers are skipped; on a tie the first in list order (the newest) wins.
 */
public final class LeastConnection implements Scheduler {

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        RealServer least = null;
        int leastOverhead = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            RealServer dest = service.destination(i);
            if (dest.isOverloaded() || dest.weight() == 0) {
                continue;
            }
            int overhead = dest.overhead();
            // The kernel holds the overheads in unsigned ints.
            if (least == null || Integer.compareUnsigned(overhead, leastOverhead) < 0) {
                least = dest;
                leastOverhead = overhead;
            }
        }
        return least;
    }
}
