package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Weighted round-robin scheduling (the kernel's ip_vs_wrr.c).
 *
 * <p>Passes over the list hand out servers whose weight is at least the current weight cw; cw
 * starts at mw (the maximum weight less di - 1) and drops by di (the gcd of the positive weights)
 * after each pass, so the last pass runs with cw = 1. Every add, edit and delete recomputes mw and
 * di, puts the cursor back at the list head and clamps cw, exactly as ip_vs_wrr_dest_changed.
 */
public final class WeightedRoundRobin implements Scheduler {
    private static final int HEAD = -1;

    /** The kernel's mark->cl: index of the last server handed out, or HEAD. */
    private int cursor = HEAD;
    /** Current weight. */
    private int cw;
    /** Maximum weight, reduced by di - 1. */
    private int mw;
    /** Decreasing interval: the gcd of the positive weights, or 1. */
    private int di;

    @Override
    public void initService(VirtualService service) {
        cursor = HEAD;
        di = gcdWeight(service);
        mw = maxWeight(service) - (di - 1);
        cw = mw;
    }

    @Override
    public void addDest(VirtualService service, RealServer dest) {
        destChanged(service);
    }

    @Override
    public void delDest(VirtualService service, RealServer dest) {
        destChanged(service);
    }

    @Override
    public void updDest(VirtualService service, RealServer dest) {
        destChanged(service);
    }

    private void destChanged(VirtualService service) {
        cursor = HEAD;
        di = gcdWeight(service);
        mw = maxWeight(service) - (di - 1);
        if (cw > mw || cw == 0) {
            cw = mw;
        } else if (di > 1) {
            // Round cw to the pass it would be on with the new step: k * di + 1.
            cw = (cw / di) * di + 1;
        }
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        int count = service.destinationCount();
        if (cursor >= count) {
            cursor = HEAD; // only if the list changed without a hook
        }
        if (mw == 0) {
            return null;
        }
        int last = cursor;
        int stop = Integer.MIN_VALUE; // no stop entry until the last pass has wrapped
        boolean lastPass = false;
        boolean restarted = false;
        int from = cursor + 1;
        while (true) {
            for (int i = from; i < count; i++) {
                RealServer dest = service.destination(i);
                if (!dest.isOverloaded() && dest.weight() >= cw) {
                    cursor = i;
                    return dest;
                }
                if (i == stop) {
                    cursor = i;
                    return null;
                }
            }
            from = 0;
            cw -= di;
            if (cw <= 0) {
                cw = mw;
                // A pass with weight >= 1 has already covered every server: give up.
                if (lastPass || last == HEAD) {
                    cursor = HEAD;
                    return null;
                }
                restarted = true;
            }
            lastPass = cw <= di;
            if (lastPass && restarted && last != HEAD) {
                // The first weight >= 1 pass only saw servers after 'last'; now cover up to it.
                stop = last;
            }
        }
    }

    private static int gcdWeight(VirtualService service) {
        int g = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            int weight = service.destination(i).weight();
            if (weight > 0) {
                g = g > 0 ? gcd(weight, g) : weight;
            }
        }
        return g != 0 ? g : 1;
    }

    private static int maxWeight(VirtualService service) {
        int max = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            max = Math.max(max, service.destination(i).weight());
        }
        return max;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
