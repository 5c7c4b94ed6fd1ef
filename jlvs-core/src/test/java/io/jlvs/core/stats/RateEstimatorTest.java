package io.jlvs.core.stats;

import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figures worked out by hand from ip_vs_est.c: each tick, avg += ((delta &lt;&lt; 9) - avg) &gt;&gt; 2
 * for conns and packets (2^10 scale over 2 s), ((delta &lt;&lt; 4) - avg) &gt;&gt; 2 for bytes (2^5);
 * read as (avg + 0x1FF) &gt;&gt; 10 and (avg + 0xF) &gt;&gt; 5.
 */
class RateEstimatorTest {

    private static void traffic(TrafficCounters counters, int conns, int inPackets, long inBytes, int outPackets,
                                long outBytes) {
        for (int i = 0; i < conns; i++) {
            counters.countConnection();
        }
        for (int i = 0; i < inPackets; i++) {
            counters.countIn(inBytes / inPackets);
        }
        for (int i = 0; i < outPackets; i++) {
            counters.countOut(outBytes / outPackets);
        }
    }

    @Test
    void steadyTrafficConvergesAsTheKernelsFixedPointEwma() {
        TrafficCounters c = new TrafficCounters();
        // 10 connections, 7 packets in (428 bytes each), 4 packets out (6000 bytes) per 2-second tick
        traffic(c, 10, 7, 2996, 4, 6000);
        c.estimate();
        // cps: 10<<9 = 5120, avg = 5120>>2 = 1280, read (1280+511)>>10 = 1
        // inpps: 7<<9 = 3584, avg 896, read (896+511)>>10 = 1
        // outpps: 4<<9 = 2048, avg 512, read (512+511)>>10 = 0
        // inbps: 2996<<4 = 47936, avg 11984, read (11984+15)>>5 = 374
        // outbps: 6000<<4 = 96000, avg 24000, read (24000+15)>>5 = 750
        assertEquals(1280, c.estimator().scaledCps());
        assertEquals(896, c.estimator().scaledInPps());
        assertEquals(512, c.estimator().scaledOutPps());
        assertEquals(24000, c.estimator().scaledOutBps());
        assertEquals(11984, c.estimator().scaledInBps());
        assertEquals(new TrafficRates(1, 1, 0, 374, 750), c.rates());

        traffic(c, 10, 7, 2996, 4, 6000);
        c.estimate();
        // cps: 1280 + (5120-1280)>>2 = 2240, read (2240+511)>>10 = 2
        // outbps: 24000 + (96000-24000)>>2 = 42000, read (42000+15)>>5 = 1312
        assertEquals(2240, c.estimator().scaledCps());
        assertEquals(2, c.rates().connsPerSecond());
        assertEquals(1312, c.rates().outBytesPerSecond());

        traffic(c, 10, 7, 2996, 4, 6000);
        c.estimate();
        // cps: 2240 + 2880>>2 = 2960 -> 3
        assertEquals(2960, c.estimator().scaledCps());
        assertEquals(3, c.rates().connsPerSecond());

        c.estimate(); // an idle tick: 2960 + (-2960>>2) = 2220 -> (2220+511)>>10 = 2
        assertEquals(2220, c.estimator().scaledCps());
        assertEquals(2, c.rates().connsPerSecond());
    }

    @Test
    void bytesAreScaledByThirtyTwo() {
        TrafficCounters c = new TrafficCounters();
        traffic(c, 0, 2, 3000, 0, 0);
        c.estimate();
        // 3000<<4 = 48000, avg 12000, read (12000+15)>>5 = 375: 1500 B/s weighted by 1/4
        assertEquals(12000, c.estimator().scaledInBps());
        assertEquals(375, c.rates().inBytesPerSecond());
        traffic(c, 0, 2, 3000, 0, 0);
        c.estimate();
        // 12000 + 36000>>2 = 21000, read (21000+15)>>5 = 656
        assertEquals(656, c.rates().inBytesPerSecond());
    }

    @Test
    void decayShiftsArithmeticallyRoundingDown() {
        TrafficCounters c = new TrafficCounters();
        c.countConnection();
        c.estimate(); // 512>>2 = 128
        long[] expected = {96, 72, 54, 40}; // -128>>2=-32, -96>>2=-24, -72>>2=-18, -54>>2=-14 (not -13)
        for (long value : expected) {
            c.estimate();
            assertEquals(value, c.estimator().scaledCps());
        }
        assertEquals(0, c.rates().connsPerSecond()); // (40+511)>>10
    }

    @Test
    void zeroRestartsCountersAndRates() {
        TrafficCounters c = new TrafficCounters();
        traffic(c, 5, 10, 1000, 10, 2000);
        c.estimate();
        c.zero();
        assertEquals(TrafficStats.ZERO, c.snapshot());
        assertEquals(TrafficRates.ZERO, c.rates());
        traffic(c, 4, 0, 0, 0, 0);
        c.estimate(); // only the 4 connections since zeroing: 4<<9>>2 = 512
        assertEquals(512, c.estimator().scaledCps());
        assertEquals(new TrafficStats(4, 0, 0, 0, 0), c.snapshot());
    }

    @Test
    void theTimerTicksEveryTwoSecondsAndSkipsMissedPeriods() {
        EstimationTimer timer = new EstimationTimer(0);
        assertFalse(timer.due(1_999_999_999L));
        assertTrue(timer.due(2_000_000_000L));
        assertFalse(timer.due(3_000_000_000L));
        assertTrue(timer.due(4_100_000_000L));
        assertEquals(6_000_000_000L, timer.nextNanos());
        assertTrue(timer.due(20_000_000_000L)); // far behind: one tick, then two seconds from now
        assertFalse(timer.due(21_000_000_000L));
        assertEquals(22_000_000_000L, timer.nextNanos());
    }
}
