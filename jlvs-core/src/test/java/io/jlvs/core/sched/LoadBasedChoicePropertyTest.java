package io.jlvs.core.sched;

import io.jlvs.core.service.RealServer;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random loads checked against a brute-force statement of each rule: among the usable
 * servers, the best cost wins and the earliest in list order breaks a tie. Costs are compared as
 * exact fractions by cross-multiplying in 64 bits.
 */
class LoadBasedChoicePropertyTest {
    private static final String NAMES = "ABCDEFGH";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lc", "wlc", "sed", "nq", "fo", "ovf"})
    void picksTheEarliestBestServer(String scheduler) {
        long seed = Seeds.seed(51);
        RandomGenerator random = Seeds.random(seed);
        for (int round = 0; round < 2000; round++) {
            SchedulerFixture f = SchedulerFixture.of(scheduler);
            int count = 1 + random.nextInt(NAMES.length());
            for (int i = 0; i < count; i++) {
                char name = NAMES.charAt(i);
                // Small ranges so that ties are common.
                f.add(String.valueOf(name), random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(4));
                f.conns(name, random.nextInt(3) == 0 ? 0 : random.nextInt(6), random.nextInt(3) * 128);
                f.overload(name, random.nextInt(6) == 0);
            }
            char expected = SchedulerFixture.letter(oracle(scheduler, f));
            assertEquals(expected, f.next(), scheduler + " seed " + seed + " round " + round);
        }
    }

    private static RealServer oracle(String scheduler, SchedulerFixture f) {
        RealServer best = null;
        for (int i = 0; i < f.service().destinationCount(); i++) {
            RealServer s = f.service().destination(i);
            if (s.isOverloaded() || s.weight() == 0) {
                continue;
            }
            switch (scheduler) {
                case "nq" -> {
                    if (s.activeConns() == 0) {
                        return s;
                    }
                    best = best == null || costLess(s.activeConns() + 1, s.weight(), best.activeConns() + 1,
                            best.weight()) ? s : best;
                }
                case "lc" -> best = best == null || s.overhead() < best.overhead() ? s : best;
                case "wlc" -> best = best == null
                        || costLess(s.overhead(), s.weight(), best.overhead(), best.weight()) ? s : best;
                case "sed" -> best = best == null || costLess(s.activeConns() + 1, s.weight(),
                        best.activeConns() + 1, best.weight()) ? s : best;
                case "fo" -> best = best == null || s.weight() > best.weight() ? s : best;
                case "ovf" -> {
                    if (s.activeConns() <= s.weight()) {
                        best = best == null || s.weight() > best.weight() ? s : best;
                    }
                }
                default -> throw new IllegalArgumentException(scheduler);
            }
        }
        return best;
    }

    /** Whether a/w is strictly less than b/v. */
    private static boolean costLess(long a, long w, long b, long v) {
        return a * v < b * w;
    }
}
