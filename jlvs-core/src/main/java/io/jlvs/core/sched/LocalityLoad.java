package io.jlvs.core.sched;

import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/** The load rules lblc and lblcr share: their weighted least-connection pick and their overload test. */
final class LocalityLoad {
    private LocalityLoad() {
    }

    /**
     * __ip_vs_lblc_schedule / __ip_vs_lblcr_schedule: the first server, in list order, that is not
     * OVERLOADED and has weight &gt; 0, then any later non-OVERLOADED server with a strictly smaller
     * overhead/weight (compared as products in 64 bits). Null when no server qualifies.
     */
    static RealServer leastLoaded(VirtualService service) {
        int n = service.destinationCount();
        RealServer least = null;
        int i = 0;
        for (; i < n; i++) {
            RealServer dest = service.destination(i);
            if (!dest.isOverloaded() && dest.weight() > 0) {
                least = dest;
                break;
            }
        }
        if (least == null) {
            return null;
        }
        long loh = least.overhead();
        for (i++; i < n; i++) {
            RealServer dest = service.destination(i);
            if (dest.isOverloaded()) {
                continue;
            }
            long doh = dest.overhead();
            if (loh * dest.weight() > doh * least.weight()) {
                least = dest;
                loh = doh;
            }
        }
        return least;
    }

    /**
     * is_overloaded of lblc and lblcr: the server has more active connections than its weight and
     * some server of the service (itself included) has fewer than half its weight.
     */
    static boolean isOverloaded(RealServer dest, VirtualService service) {
        if (dest.activeConns() > dest.weight()) {
            for (int i = 0; i < service.destinationCount(); i++) {
                RealServer d = service.destination(i);
                if (d.activeConns() * 2 < d.weight()) {
                    return true;
                }
            }
        }
        return false;
    }
}
