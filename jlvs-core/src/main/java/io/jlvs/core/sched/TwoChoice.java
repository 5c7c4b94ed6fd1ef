package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Power-of-two-choices scheduling (the kernel's ip_vs_twos.c): two weighted random picks among
 * the usable servers, keeping the second only when its overhead / weight is strictly lower.
 *
 * <p>Each pick draws r uniformly from [0, total weight] (inclusive, the kernel adds 1 to the
 * total) with the kernel's get_random_u32_below, then walks the list subtracting weights until r
 * drops to 0 or below. So the first usable server gets weight + 1 chances out of total + 1.
 */
public final class TwoChoice implements Scheduler {
    private final RandomGenerator random;

    public TwoChoice(SchedulerContext context) {
        this.random = Objects.requireNonNull(context, "context").random();
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        int count = service.destinationCount();
        RealServer choice1 = null;
        RealServer choice2 = null;
        int totalWeight = 0;
        for (int i = 0; i < count; i++) {
            RealServer dest = service.destination(i);
            if (usable(dest)) {
                totalWeight += dest.weight();
                choice1 = dest;
            }
        }
        if (choice1 == null) {
            return null;
        }
        totalWeight += 1;
        int rweight1 = randomBelow(random, totalWeight);
        int rweight2 = randomBelow(random, totalWeight);

        int weight1 = -1;
        int weight2 = -1;
        int overhead1 = 0;
        int overhead2 = 0;
        for (int i = 0; i < count && (weight1 == -1 || weight2 == -1); i++) {
            RealServer dest = service.destination(i);
            if (!usable(dest)) {
                continue;
            }
            int weight = dest.weight();
            rweight1 -= weight;
            rweight2 -= weight;
            if (rweight1 <= 0 && weight1 == -1) {
                choice1 = dest;
                weight1 = weight;
                overhead1 = dest.overhead();
            }
            if (rweight2 <= 0 && weight2 == -1) {
                choice2 = dest;
                weight2 = weight;
                overhead2 = dest.overhead();
            }
        }
        // 32-bit products, as the kernel's ints.
        if (choice2 != null && weight2 * overhead1 > weight1 * overhead2) {
            choice1 = choice2;
        }
        return choice1;
    }

    private static boolean usable(RealServer dest) {
        return !dest.isOverloaded() && dest.weight() > 0;
    }

    /**
     * The kernel's get_random_u32_below(ceil) for a ceil known only at run time: Lemire's
     * multiply-and-shift of a u32 draw, rejecting the few draws that would bias the result.
     * The draw is {@code random.nextInt()} read as unsigned.
     */
    static int randomBelow(RandomGenerator random, int ceil) {
        if (ceil == 0) {
            return random.nextInt(); // the kernel's convention for a zero ceil
        }
        long bound = Integer.toUnsignedLong(ceil);
        long mult = bound * Integer.toUnsignedLong(random.nextInt());
        if ((mult & 0xFFFF_FFFFL) < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound; // -ceil % ceil in u32
            while ((mult & 0xFFFF_FFFFL) < threshold) {
                mult = bound * Integer.toUnsignedLong(random.nextInt());
            }
        }
        return (int) (mult >>> 32);
    }
}
