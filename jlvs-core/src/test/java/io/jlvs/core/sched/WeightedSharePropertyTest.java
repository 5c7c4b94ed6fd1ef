package io.jlvs.core.sched;

import io.jlvs.core.service.RealServer;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded properties of each weighted family: wrr and rr hand out exact shares per cycle, wlc and
 * sed keep active connections proportional to weight, twos draws its first choice in proportion
 * to weight (the first usable server with one extra chance).
 */
class WeightedSharePropertyTest {
    private static final String NAMES = "ABCDEFGH";

    /** Adds 1..8 servers with weights 0..maxWeight in random order, then edits a few weights. */
    private static SchedulerFixture randomService(String scheduler, RandomGenerator random, int maxWeight) {
        SchedulerFixture f = SchedulerFixture.of(scheduler);
        int count = 1 + random.nextInt(NAMES.length());
        for (int i = 0; i < count; i++) {
            f.add(String.valueOf(NAMES.charAt(i)), random.nextInt(maxWeight + 1));
        }
        int edits = random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            f.weight(NAMES.charAt(random.nextInt(count)), random.nextInt(maxWeight + 1));
        }
        return f;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void wrrHandsOutWeightOverGcdPicksPerCycle(long defaultSeed) {
        long seed = Seeds.seed(defaultSeed);
        RandomGenerator random = Seeds.random(seed);
        for (int round = 0; round < 50; round++) {
            SchedulerFixture f = randomService("wrr", random, 12);
            int g = 0;
            int sum = 0;
            for (int i = 0; i < f.service().destinationCount(); i++) {
                int w = f.service().destination(i).weight();
                g = gcd(g, w);
                sum += w;
            }
            if (sum == 0) {
                assertEquals('-', f.next(), "seed " + seed);
                continue;
            }
            // A cycle is sum/g picks; from any state the next cycle start is less than one cycle away.
            int cycle = sum / g;
            f.next(cycle);
            int cycles = 1 + random.nextInt(4);
            String picks = f.next(cycle * cycles);
            for (int i = 0; i < f.service().destinationCount(); i++) {
                RealServer server = f.service().destination(i);
                char name = SchedulerFixture.letter(server);
                assertEquals(cycles * server.weight() / g, count(picks, name),
                        "seed " + seed + " round " + round + " server " + name + " weight " + server.weight()
                                + " in " + f.order() + ": " + picks);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void rrGivesEachUsableServerOneTurnPerRound(long defaultSeed) {
        long seed = Seeds.seed(defaultSeed);
        RandomGenerator random = Seeds.random(seed);
        for (int round = 0; round < 100; round++) {
            SchedulerFixture f = randomService("rr", random, 2);
            f.next(random.nextInt(5));
            int usable = 0;
            for (int i = 0; i < f.service().destinationCount(); i++) {
                usable += f.service().destination(i).weight() > 0 ? 1 : 0;
            }
            String picks = f.next(usable * 3);
            for (int i = 0; i < f.service().destinationCount(); i++) {
                RealServer server = f.service().destination(i);
                int expected = server.weight() > 0 ? 3 : 0;
                assertEquals(expected, count(picks, SchedulerFixture.letter(server)), "seed " + seed + ": " + picks);
            }
        }
    }

    /**
     * wlc from an empty start, each pick opening one active connection: the pick has the least
     * a/w, so afterwards (a_i - 1) / w_i <= a_j / w_j for every pair. sed picks the least
     * (a + 1) / w, so a_i / w_i <= (a_j + 1) / w_j.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wlc", "sed"})
    void activeConnectionsStayProportionalToWeight(String scheduler) {
        long seed = Seeds.seed(31);
        RandomGenerator random = Seeds.random(seed);
        for (int round = 0; round < 40; round++) {
            SchedulerFixture f = SchedulerFixture.of(scheduler);
            int count = 2 + random.nextInt(NAMES.length() - 1);
            for (int i = 0; i < count; i++) {
                f.add(String.valueOf(NAMES.charAt(i)), 1 + random.nextInt(10));
            }
            int picks = 50 + random.nextInt(400);
            for (int p = 0; p < picks; p++) {
                RealServer chosen = f.server(f.next());
                chosen.setActiveConns(chosen.activeConns() + 1);
            }
            int lag = scheduler.equals("wlc") ? 1 : 0;
            int lead = scheduler.equals("sed") ? 1 : 0;
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < count; j++) {
                    RealServer a = f.service().destination(i);
                    RealServer b = f.service().destination(j);
                    long left = (long) (a.activeConns() - lag) * b.weight();
                    long right = (long) (b.activeConns() + lead) * a.weight();
                    assertTrue(left <= right, scheduler + " seed " + seed + " round " + round + ": " + a + " a="
                            + a.activeConns() + " w=" + a.weight() + " vs " + b + " a=" + b.activeConns()
                            + " w=" + b.weight());
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42})
    void twosFirstChoiceFollowsWeightWhenAllAreIdle(long defaultSeed) {
        // With every overhead 0 the second choice never wins, so the pick is the first draw:
        // r uniform in [0, W] lands on the first usable server for r <= w1 and on server k for
        // the w_k values after the ones before it.
        long seed = Seeds.seed(defaultSeed);
        SchedulerFixture f = SchedulerFixture.of("twos", new SchedulerContext(Seeds.random(seed)))
                .add("ABCDE", 5, 0, 1, 3, 2).overload('D', true);
        // List E, D, C, B, A; usable E2, C1, A5: W = 8, so 9 equally likely values of r:
        // E gets 3 (r = 0, 1, 2), C 1, A 5.
        int n = 90_000;
        String picks = f.next(n);
        assertShare(picks, 'E', 3.0 / 9, seed);
        assertShare(picks, 'C', 1.0 / 9, seed);
        assertShare(picks, 'A', 5.0 / 9, seed);
        assertEquals(0, count(picks, 'B') + count(picks, 'D'));
    }

    private static void assertShare(String picks, char name, double p, long seed) {
        int n = picks.length();
        double sigma = Math.sqrt(n * p * (1 - p));
        int got = count(picks, name);
        assertTrue(Math.abs(got - n * p) < 5 * sigma,
                "seed " + seed + ": " + name + " got " + got + " of " + n + ", expected about " + n * p);
    }

    private static int count(String picks, char name) {
        int count = 0;
        for (int i = 0; i < picks.length(); i++) {
            count += picks.charAt(i) == name ? 1 : 0;
        }
        return count;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
