package io.jlvs.core.conn;

import io.jlvs.testkit.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimerWheelTest {
    private static final long T = 100;
    private final List<Integer> fired = new ArrayList<>();
    private final TimerWheel.Expiry record = (slot, now) -> fired.add(slot);

    @Test
    void slotsArmedBeforeAGrowStillFireAndNewSlotsCanBeArmed() {
        TimerWheel wheel = new TimerWheel(3, 8, T, 0);
        wheel.schedule(0, 250); // slots 0..2 share bucket 3, linked through next and prev
        wheel.schedule(1, 250);
        wheel.schedule(2, 1_050); // a revolution later, same bucket
        wheel.grow(10);
        assertEquals(10, wheel.slots());
        assertFalse(wheel.isScheduled(9));
        wheel.schedule(9, 260);
        wheel.schedule(5, 1_060);
        wheel.cancel(1);
        assertEquals(250, wheel.deadline(0));
        wheel.advance(300, record);
        assertEquals(List.of(0, 9), fired.stream().sorted().toList());
        wheel.advance(1_100, record);
        assertEquals(List.of(0, 2, 5, 9), fired.stream().sorted().toList());
        for (int slot = 0; slot < 10; slot++) {
            assertFalse(wheel.isScheduled(slot), "slot " + slot);
        }
    }

    @Test
    void firesOnceTheDeadlineHasPassedAndNotBefore() {
        TimerWheel wheel = new TimerWheel(4, 8, T, 0);
        wheel.schedule(0, 250);
        wheel.advance(200, record);
        assertTrue(fired.isEmpty());
        wheel.advance(299, record);
        assertTrue(fired.isEmpty());
        wheel.advance(300, record);
        assertEquals(List.of(0), fired);
        assertFalse(wheel.isScheduled(0));
    }

    @Test
    void deadlinesBeyondOneRevolutionWaitTheirTurn() {
        TimerWheel wheel = new TimerWheel(2, 8, T, 0); // one revolution is 800
        wheel.schedule(0, 2_050);
        for (long now = 100; now <= 2_000; now += 100) {
            wheel.advance(now, record);
        }
        assertTrue(fired.isEmpty());
        wheel.advance(2_100, record);
        assertEquals(List.of(0), fired);
    }

    @Test
    void reArmingEarlierTakesEffectAndLaterIsLazy() {
        TimerWheel wheel = new TimerWheel(2, 64, T, 0);
        wheel.schedule(0, 5_000);
        wheel.schedule(0, 300);
        wheel.advance(300, record);
        assertEquals(List.of(0), fired);
        wheel.schedule(1, 300);
        wheel.schedule(1, 900);
        wheel.advance(800, record);
        assertEquals(List.of(0), fired);
        wheel.advance(900, record);
        assertEquals(List.of(0, 1), fired);
    }

    @Test
    void cancelledSlotsNeverFireAndALongJumpSweepsEverything() {
        TimerWheel wheel = new TimerWheel(3, 8, T, 0);
        wheel.schedule(0, 150);
        wheel.schedule(1, 5_000);
        wheel.schedule(2, 90_000);
        wheel.cancel(0);
        wheel.advance(10_000, record);
        assertEquals(List.of(1), fired);
        assertTrue(wheel.isScheduled(2));
    }

    @Test
    void anExpiryMayReArmAnotherSlotDueInTheSameBucket() {
        TimerWheel wheel = new TimerWheel(2, 8, T, 0);
        wheel.schedule(0, 100);
        wheel.schedule(1, 100);
        TimerWheel.Expiry pushTheOther = (slot, now) -> {
            fired.add(slot);
            wheel.schedule(1 - slot, now + 1_000);
        };
        wheel.advance(100, pushTheOther);
        assertEquals(1, fired.size()); // the first to fire pushed the other, still unprocessed, away
        int other = 1 - fired.getFirst();
        assertTrue(wheel.isScheduled(other));
        assertEquals(1_100, wheel.deadline(other));
        wheel.advance(1_100, pushTheOther);
        assertEquals(List.of(1 - other, other), fired);
    }

    /** A seeded comparison with the obvious model: never early, never more than a tick late. */
    @Test
    void agreesWithAModelOfDeadlines() {
        long seed = Seeds.seed(7);
        RandomGenerator random = Seeds.random(seed);
        int slots = 64;
        TimerWheel wheel = new TimerWheel(slots, 16, T, 0);
        long[] deadline = new long[slots];
        long[] minTick = new long[slots];
        boolean[] armed = new boolean[slots];
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(10);
            int slot = random.nextInt(slots);
            if (action < 5) {
                long d = now + random.nextLong(-200, 4_000);
                if (!armed[slot] || Math.max(ceil(d), now / T + 1) < Math.max(ceil(deadline[slot]), minTick[slot])) {
                    minTick[slot] = now / T + 1;
                }
                wheel.schedule(slot, d);
                deadline[slot] = d;
                armed[slot] = true;
            } else if (action < 6) {
                wheel.cancel(slot);
                armed[slot] = false;
            } else {
                now += random.nextLong(0, action == 9 ? 3_000 : 150);
                fired.clear();
                wheel.advance(now, record);
                long nowTick = now / T;
                for (int s = 0; s < slots; s++) {
                    boolean didFire = fired.contains(s);
                    if (didFire) {
                        assertTrue(armed[s], "seed " + seed + " step " + step);
                        assertTrue(deadline[s] <= now, "early, seed " + seed + " step " + step);
                        armed[s] = false;
                    } else if (armed[s]) {
                        assertTrue(Math.max(ceil(deadline[s]), minTick[s]) > nowTick,
                                "late, seed " + seed + " step " + step + " slot " + s);
                    }
                }
            }
        }
    }

    private static long ceil(long nanos) {
        return Math.floorDiv(nanos + T - 1, T);
    }
}
