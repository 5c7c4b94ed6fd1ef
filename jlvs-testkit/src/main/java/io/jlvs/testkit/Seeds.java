package io.jlvs.testkit;

import java.util.random.RandomGenerator;

/**
 * Seeded random sources for property tests. The seed comes from JLVS_TEST_SEED when set, so a
 * failure printed with its seed can be replayed.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed to use: JLVS_TEST_SEED, or the given default. */
    public static long seed(long defaultSeed) {
        String env = System.getenv("JLVS_TEST_SEED");
        return env == null || env.isBlank() ? defaultSeed : Long.parseLong(env.trim());
    }

    /** A deterministic generator for a seed. */
    public static RandomGenerator random(long seed) {
        return new java.util.SplittableRandom(seed);
    }
}
