package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.jlvs.core.sched.HashSchedulerFixture.SECOND;
import static io.jlvs.core.sched.HashSchedulerFixture.add;
import static io.jlvs.core.sched.HashSchedulerFixture.flowTo;
import static io.jlvs.core.sched.HashSchedulerFixture.setWeight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * lblc. Two servers .1 and .2, weight 2 each, added in that order so the list is [.2, .1]; with
 * equal load the weighted least-connection pick is the first in the list, .2.
 */
class LocalityBasedLeastConnectionTest {
    private static final long HOUR = 3600 * SECOND;

    private final LocalityBasedLeastConnection lblc = new LocalityBasedLeastConnection();
    private final VirtualService service = HashSchedulerFixture.service(lblc, "lblc", 0);
    private final RealServer s1 = add(service, "10.1.0.1", 2);
    private final RealServer s2 = add(service, "10.1.0.2", 2);
    private final Flow x = flowTo("192.168.1.10");
    private final Flow y = flowTo("192.168.1.11");

    @Test
    void aDestinationSticksToItsServerWhileThatIsNotOverloaded() {
        lblc.startTimer(0);
        assertSame(s2, lblc.schedule(service, x, 0));
        s2.setActiveConns(2); // not more than its weight
        assertSame(s2, lblc.schedule(service, x, SECOND));
        // a new destination goes to the least loaded: .2 has overhead 512, .1 has 0
        assertSame(s1, lblc.schedule(service, y, SECOND));
        assertEquals(2, lblc.cacheSize());
    }

    @Test
    void anOverloadedServerLosesTheDestinationWhenAnotherIsUnderHalfItsWeight() {
        lblc.schedule(service, x, 0);
        s2.setActiveConns(3);
        s1.setActiveConns(1); // 1 * 2 < 2 is false: nobody is under half its weight
        assertSame(s2, lblc.schedule(service, x, SECOND));
        s1.setActiveConns(0); // 0 * 2 < 2: now .2 counts as overloaded
        assertSame(s1, lblc.schedule(service, x, 2 * SECOND));
        assertSame(s1, lblc.cached(service, x));
        assertEquals(1, lblc.cacheSize());
    }

    @Test
    void theOverloadFlagDoesNotEvictACachedServerButKeepsNewDestinationsAway() {
        lblc.schedule(service, x, 0);
        s2.setOverloaded(true);
        assertSame(s2, lblc.schedule(service, x, SECOND));
        assertSame(s1, lblc.schedule(service, y, SECOND));
    }

    @Test
    void weightZeroOrDeletionReassignsTheDestination() {
        lblc.schedule(service, x, 0);
        setWeight(service, s2, 0);
        assertSame(s1, lblc.schedule(service, x, SECOND));
        setWeight(service, s2, 2);
        s1.setActiveConns(1);
        assertSame(s1, lblc.schedule(service, x, 2 * SECOND)); // sticky again, on .1
        service.removeDestination(s1);
        assertSame(s2, lblc.schedule(service, x, 3 * SECOND));
        service.removeDestination(s2);
        assertNull(lblc.schedule(service, x, 4 * SECOND));
    }

    @Test
    void entriesUnusedForTheExpirationGoAtTheNextFullCheck() {
        // The timer starts at 0; checks run every 60 s and every 30th is a full check, so full checks
        // fall at 1800 s, 3600 s, ... An entry last used at t is dropped by the first full check at
        // or after t + 24 h.
        lblc.startTimer(0);
        lblc.schedule(service, x, 0);
        lblc.schedule(service, y, 1000 * SECOND);
        lblc.advanceTo(24 * HOUR - 1);
        assertEquals(2, lblc.cacheSize());
        lblc.advanceTo(24 * HOUR); // 86400 s is the 48th full check: x (used at 0) goes
        assertNull(lblc.cached(service, x));
        assertSame(s2, lblc.cached(service, y));
        lblc.advanceTo(88_200 * SECOND - 1); // y needs 87400 s; the next full check is 88200 s
        assertSame(s2, lblc.cached(service, y));
        lblc.advanceTo(88_200 * SECOND);
        assertEquals(0, lblc.cacheSize());
    }

    @Test
    void theExpirationIsTheSysctlAndTheFirstScheduleArmsTheTimerWhenNobodyElseDid() {
        lblc.setExpiration(Duration.ofSeconds(60));
        lblc.schedule(service, x, 100 * SECOND); // arms: full checks at 1900 s, 3700 s, ...
        lblc.advanceTo(1899 * SECOND);
        assertEquals(1, lblc.cacheSize());
        lblc.advanceTo(1900 * SECOND);
        assertEquals(0, lblc.cacheSize());
    }

    @Test
    void aUseBeforeTheFullCheckKeepsTheEntry() {
        lblc.setExpiration(Duration.ofSeconds(60));
        lblc.startTimer(0);
        lblc.schedule(service, x, 0);
        lblc.schedule(service, x, 1750 * SECOND); // 1800 < 1750 + 60: survives the check at 1800 s
        lblc.advanceTo(3599 * SECOND);
        assertEquals(1, lblc.cacheSize());
        lblc.advanceTo(3600 * SECOND);
        assertEquals(0, lblc.cacheSize());
    }

    @Test
    void aboveMaxSizeTheCheckCollectsEntriesUnusedForSixMinutesBucketByBucket() {
        lblc.startTimer(0);
        int total = LocalityTable.MAX_SIZE + 30;
        int[] perBucket = new int[LocalityTable.TAB_SIZE];
        for (int i = 0; i < total; i++) {
            int address = 0x0B000000 + i;
            lblc.schedule(service, flowTo(ipv4(address)), 0);
            // independent bucket count: hash_32(addr, 10) = (addr * 0x61C88647 mod 2^32) >> 22
            perBucket[(int) (((address & 0xFFFFFFFFL) * 0x61C88647L & 0xFFFFFFFFL) >>> 22)]++;
        }
        assertEquals(total, lblc.cacheSize());
        // Checks at 60 .. 300 s find nothing six minutes old (and do not count towards a full check).
        lblc.advanceTo(300 * SECOND);
        assertEquals(total, lblc.cacheSize());
        // At 360 s: goal = 30 * 4 / 3 = 40, taken whole buckets at a time from bucket 1 on.
        lblc.advanceTo(360 * SECOND);
        int removed = 0;
        int bucket = 0;
        while (removed < 40) {
            removed += perBucket[++bucket];
        }
        assertEquals(total - removed, lblc.cacheSize());
        // 100 fresh entries at 360 s push the table above max size again. At 420 s the rover resumes
        // after the last bucket visited and only the old entries are six minutes old.
        for (int i = 0; i < 100; i++) {
            lblc.schedule(service, flowTo(ipv4(0x0C000000 + i)), 360 * SECOND);
        }
        int left = total - removed + 100;
        int goal = (left - LocalityTable.MAX_SIZE) * 4 / 3;
        int more = 0;
        while (more < goal) {
            more += perBucket[++bucket];
        }
        left -= more;
        lblc.advanceTo(420 * SECOND);
        assertEquals(left, lblc.cacheSize());
    }

    @Test
    void afterDoneServiceNothingIsCached() {
        lblc.schedule(service, x, 0);
        service.unbind();
        assertEquals(0, lblc.cacheSize());
    }

    private static String ipv4(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }
}
