package io.jlvs.core.sched;

import java.util.random.RandomGenerator;

/** A random source that hands out a fixed list of ints, for exact twos vectors. */
final class ScriptedRandom implements RandomGenerator {
    private final int[] draws;
    private int next;

    ScriptedRandom(int... draws) {
        this.draws = draws.clone();
    }

    @Override
    public int nextInt() {
        if (next == draws.length) {
            throw new AssertionError("the scheduler drew more than the " + draws.length + " scripted values");
        }
        return draws[next++];
    }

    @Override
    public long nextLong() {
        throw new AssertionError("twos draws 32-bit values only");
    }

    /** How many scripted values were drawn. */
    int drawn() {
        return next;
    }
}
