package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.jlvs.core.sched.HashSchedulerFixture.SECOND;
import static io.jlvs.core.sched.HashSchedulerFixture.add;
import static io.jlvs.core.sched.HashSchedulerFixture.flowTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** lblcr. Servers .1 and .2 of weight 2, list [.2, .1]; sets list their newest member first. */
class LocalityBasedLeastConnectionReplicationTest {
    private final LocalityBasedLeastConnectionReplication lblcr = new LocalityBasedLeastConnectionReplication();
    private final VirtualService service = HashSchedulerFixture.service(lblcr, "lblcr", 0);
    private final RealServer s1 = add(service, "10.1.0.1", 2);
    private final RealServer s2 = add(service, "10.1.0.2", 2);
    private final Flow x = flowTo("192.168.1.10");

    @Test
    void anOverloadedMemberMakesTheSetGrowThenTheLeastLoadedMemberServes() {
        lblcr.startTimer(0);
        assertSame(s2, lblcr.schedule(service, x, 0));
        assertArrayEquals(new RealServer[] {s2}, lblcr.cachedSet(service, x));
        s2.setActiveConns(3); // 3 > 2 and .1 has 0 * 2 < 2: overloaded
        assertSame(s1, lblcr.schedule(service, x, SECOND));
        assertArrayEquals(new RealServer[] {s1, s2}, lblcr.cachedSet(service, x));
        s2.setActiveConns(0);
        s1.setActiveConns(1); // set minimum: .1 overhead 256 vs .2 overhead 0
        assertSame(s2, lblcr.schedule(service, x, 2 * SECOND));
        assertArrayEquals(new RealServer[] {s1, s2}, lblcr.cachedSet(service, x));
    }

    @Test
    void anUnchangedSetDropsItsMostLoadedMemberAfterTheExpiration() {
        lblcr.setExpiration(Duration.ofSeconds(300));
        lblcr.startTimer(0);
        lblcr.schedule(service, x, 0);
        s2.setActiveConns(3);
        lblcr.schedule(service, x, 10 * SECOND); // set {.1, .2}, modified at 10 s
        s2.setActiveConns(0);
        s1.setActiveConns(1);
        assertSame(s2, lblcr.schedule(service, x, 310 * SECOND)); // not yet strictly after 10 + 300
        assertEquals(2, lblcr.cachedSet(service, x).length);
        assertSame(s2, lblcr.schedule(service, x, 311 * SECOND));
        assertArrayEquals(new RealServer[] {s2}, lblcr.cachedSet(service, x)); // .1 was the most loaded
    }

    @Test
    void theMemberPickedBeforeTrimmingServesEvenWhenItIsTheOneDropped() {
        lblcr.setExpiration(Duration.ofSeconds(300));
        lblcr.startTimer(0);
        lblcr.schedule(service, x, 0);
        s2.setActiveConns(3);
        lblcr.schedule(service, x, 10 * SECOND);
        s2.setActiveConns(0); // equal loads: minimum and maximum are both the first member, .1
        assertSame(s1, lblcr.schedule(service, x, 400 * SECOND));
        assertArrayEquals(new RealServer[] {s2}, lblcr.cachedSet(service, x));
    }

    @Test
    void unavailableOrOverloadFlaggedMembersAreSkipped() {
        lblcr.schedule(service, x, 0);
        s2.setActiveConns(3);
        lblcr.schedule(service, x, SECOND); // {.1, .2}
        s2.setActiveConns(0);
        s1.setOverloaded(true);
        assertSame(s2, lblcr.schedule(service, x, 2 * SECOND));
        s1.setOverloaded(false);
        s1.setActiveConns(0);
        service.removeDestination(s2);
        assertSame(s1, lblcr.schedule(service, x, 3 * SECOND));
        service.removeDestination(s1);
        assertNull(lblcr.schedule(service, x, 4 * SECOND));
    }

    @Test
    void entriesExpireAtTheFullCheckWithTheLblcrExpiration() {
        lblcr.setExpiration(Duration.ofSeconds(60));
        lblcr.startTimer(0);
        lblcr.schedule(service, x, 0);
        lblcr.advanceTo(1799 * SECOND);
        assertEquals(1, lblcr.cacheSize());
        lblcr.advanceTo(1800 * SECOND);
        assertEquals(0, lblcr.cacheSize());
        assertSame(s2, lblcr.schedule(service, x, 1801 * SECOND));
        assertEquals(1, lblcr.cacheSize());
    }
}
