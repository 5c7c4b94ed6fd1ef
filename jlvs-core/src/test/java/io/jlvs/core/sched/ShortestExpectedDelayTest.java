package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShortestExpectedDelayTest {

    @Test
    void countsTheIncomingConnection() {
        // List B, A; A weight 1, B weight 2. Idle: B (1/2) beats A (1/1).
        SchedulerFixture f = SchedulerFixture.of("sed").add("AB", 1, 2);
        assertEquals('B', f.next());
        // B 1 active: (1+1)/2 = 1 ties A's 1/1; the first candidate B stays.
        f.conns('B', 1, 0);
        assertEquals('B', f.next());
        // B 2 active: 3/2 > 1/1: A.
        f.conns('B', 2, 0);
        assertEquals('A', f.next());
        // Inactive connections do not count: A with 1000 inactive is still 1/1.
        f.conns('A', 0, 1000);
        assertEquals('A', f.next());
    }

    @Test
    void prefersAFastBusyServerWhereWlcPicksTheIdleOne() {
        // List B, A. A weight 1 idle, B weight 10 with 1 active.
        // sed: B (1+1)/10 = 0.2 against A 1/1: B. wlc: B 256/10 against A 0/1: A.
        SchedulerFixture sed = SchedulerFixture.of("sed").add("AB", 1, 10).conns('B', 1, 0);
        SchedulerFixture wlc = SchedulerFixture.of("wlc").add("AB", 1, 10).conns('B', 1, 0);
        assertEquals('B', sed.next());
        assertEquals('A', wlc.next());
    }

    @Test
    void comparesIn64Bits() {
        // List B, A, both weight 65535. B 49999 active (50000), A 20000 active (20001): A.
        // 50000 * 65535 = 3,276,750,000 does not fit an int; wrapped it would be negative and keep B.
        SchedulerFixture f = SchedulerFixture.of("sed").add("AB", 65535, 65535)
                .conns('A', 20000, 0).conns('B', 49999, 0);
        assertEquals('A', f.next());
    }

    @Test
    void skipsQuiescedAndOverloadedServers() {
        // List C, B, A, idle, weights A1, B5, C3: C (1/3) is the candidate, B (1/5) is better.
        // B overloaded: C. C quiesced: A. A deleted: none.
        SchedulerFixture f = SchedulerFixture.of("sed").add("ABC", 1, 5, 3);
        assertEquals('B', f.next());
        f.overload('B', true);
        assertEquals('C', f.next());
        f.weight('C', 0);
        assertEquals('A', f.next());
        f.remove('A');
        assertEquals('-', f.next());
    }
}
