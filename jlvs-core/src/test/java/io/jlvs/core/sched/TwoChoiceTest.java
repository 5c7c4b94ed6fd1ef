package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * twos draws r = get_random_u32_below(total + 1) twice: r = (u32 draw * ceil) >> 32, redrawn
 * when the low 32 bits of the product fall below 2^32 mod ceil. Each r walks the usable servers
 * subtracting weights until it is 0 or below.
 *
 * <p>Most vectors use list C, B, A with weights A1, B2, C3: ceil = 7, and 2^32 mod 7 = 4.
 * Draw 0x80000000 gives r = 3 (C: 3 - 3 = 0), 0xFFFFFFFF gives 6 (C 3, B 1, A 0: A),
 * 0xB6DB6DB6 gives 4 (C 1, B -1: B), 0x24924924 gives 0 (C).
 */
class TwoChoiceTest {
    private static final int R3 = 0x80000000;
    private static final int R6 = 0xFFFFFFFF;
    private static final int R4 = 0xB6DB6DB6;
    private static final int R0 = 0x24924924;

    private static SchedulerFixture abc(ScriptedRandom random) {
        return SchedulerFixture.of("twos", new SchedulerContext(random)).add("ABC", 1, 2, 3);
    }

    @Test
    void keepsTheFirstChoiceWhenTheSecondIsNotStrictlyLessLoaded() {
        // Choices C (r=3) and A (r=6), both idle: 1*0 > 3*0 is false, so C.
        ScriptedRandom random = new ScriptedRandom(R3, R6);
        assertEquals('C', abc(random).next());
        assertEquals(2, random.drawn());
    }

    @Test
    void takesTheSecondChoiceWhenItsOverheadPerWeightIsLower() {
        // Choices C (r=3, 1 active: overhead 256) and A (r=6, idle): 1*256 > 3*0, so A.
        ScriptedRandom random = new ScriptedRandom(R3, R6);
        assertEquals('A', abc(random).conns('C', 1, 0).next());
    }

    @Test
    void comparesOverheadsCrossMultipliedByWeight() {
        // Choices B (r=4; weight 2, overhead 256) and C (r=3; weight 3, overhead 383):
        // 3*256 = 768 > 2*383 = 766, so C. With C at 384: 768 > 768 is false, so B.
        SchedulerFixture f = abc(new ScriptedRandom(R4, R3, R4, R3)).conns('B', 1, 0).conns('C', 1, 127);
        assertEquals('C', f.next());
        f.conns('C', 1, 128);
        assertEquals('B', f.next());
    }

    @Test
    void zeroHitsTheFirstUsableServer() {
        // r = 0 stops at the first usable server whatever its weight: the +1 on the total gives
        // the first server weight + 1 chances. Both draws r=0: C.
        ScriptedRandom random = new ScriptedRandom(R0, R0);
        assertEquals('C', abc(random).next());
    }

    @Test
    void redrawsLikeGetRandomU32Below() {
        // 0x24924925 * 7 = 0x1_00000003: high word 1 but low word 3 < 2^32 mod 7 = 4, so the
        // kernel rejects it and draws again: r1 = 6 (A), r2 = 3 (C); both idle, so A.
        // Three draws are used, not two.
        ScriptedRandom random = new ScriptedRandom(0x24924925, R6, R3);
        assertEquals('A', abc(random).next());
        assertEquals(3, random.drawn());
    }

    @Test
    void skipsOverloadedAndQuiescedServersInTheTotalAndTheWalk() {
        // B overloaded: usable C3, A1, ceil 5. 0x80000000 * 5 >> 32 = 2 (C: 2 - 3 < 0);
        // 0xFFFFFFFF * 5 >> 32 = 4 (C 1, A 0: A). C idle first: C. Then both draws on A: A.
        SchedulerFixture f = abc(new ScriptedRandom(R3, R6, R6, R6)).overload('B', true);
        assertEquals('C', f.next());
        assertEquals('A', f.next());
        // B quiesced instead behaves the same: 0x80000000 again gives C.
        SchedulerFixture g = abc(new ScriptedRandom(R3, R3)).weight('B', 0);
        assertEquals('C', g.next());
    }

    @Test
    void returnsNullWithoutDrawingWhenNothingIsUsable() {
        ScriptedRandom random = new ScriptedRandom();
        SchedulerFixture f = SchedulerFixture.of("twos", new SchedulerContext(random)).add("AB", 0, 1)
                .overload('B', true);
        assertEquals('-', f.next());
        assertEquals(0, random.drawn());
    }

    @Test
    void randomBelowMatchesTheKernelOnEdgeDraws() {
        // ceil 1: every draw maps to 0 (the low word is the draw itself, and 2^32 mod 1 = 0).
        assertEquals(0, TwoChoice.randomBelow(new ScriptedRandom(-1), 1));
        // ceil 65536: the draw's top 16 bits.
        assertEquals(0xABCD, TwoChoice.randomBelow(new ScriptedRandom(0xABCD1234), 65536));
        // ceil 3: 2^32 mod 3 = 1; draw 0 gives product 0 with low word 0 < 1, rejected; then 0x55555556
        // gives 0x1_00000002: r = 1.
        ScriptedRandom random = new ScriptedRandom(0, 0x55555556);
        assertEquals(1, TwoChoice.randomBelow(random, 3));
        assertEquals(2, random.drawn());
    }
}
