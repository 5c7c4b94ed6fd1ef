package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NeverQueueTest {

    @Test
    void anIdleServerWinsOverAFasterBusyOne() {
        // List C, B, A. A weight 1 idle; B weight 10 with 1 active; C weight 5 with 2 active.
        // sed would pick B ((1+1)/10); nq sends the connection to idle A at once.
        SchedulerFixture f = SchedulerFixture.of("nq").add("ABC", 1, 10, 5)
                .conns('B', 1, 0).conns('C', 2, 0);
        assertEquals('A', f.next());
        // Without an idle server, the sed rule: C 3/5 against B 2/10: B.
        f.conns('A', 1, 0);
        assertEquals('B', f.next());
    }

    @Test
    void theFirstIdleServerInListOrderWins() {
        // List C, B, A: B and A idle, C busy: B comes first in the list.
        SchedulerFixture f = SchedulerFixture.of("nq").add("ABC", 100, 1, 1).conns('C', 5, 0);
        assertEquals('B', f.next());
    }

    @Test
    void inactiveConnectionsDoNotMakeAServerBusy() {
        // List B, A. B has only inactive connections, so it counts as idle and comes first.
        SchedulerFixture f = SchedulerFixture.of("nq").add("AB", 1, 1).conns('B', 0, 500);
        assertEquals('B', f.next());
    }

    @Test
    void idleButUnusableServersAreSkipped() {
        // List C, B, A. A idle but overloaded, B idle but quiesced: the sed rule among the rest, C.
        SchedulerFixture f = SchedulerFixture.of("nq").add("ABC", 1, 1, 1).conns('C', 7, 0)
                .overload('A', true).weight('B', 0);
        assertEquals('C', f.next());
        f.overload('C', true);
        assertEquals('-', f.next());
    }

    @Test
    void tiesUnderTheSedRuleKeepTheFirst() {
        // List B, A. A weight 1 with 1 active (2/1), B weight 2 with 3 active (4/2): tie, B.
        SchedulerFixture f = SchedulerFixture.of("nq").add("AB", 1, 2).conns('A', 1, 0).conns('B', 3, 0);
        assertEquals('B', f.next());
        // One more on B: 5/2 > 2/1, so A.
        f.conns('B', 4, 0);
        assertEquals('A', f.next());
    }
}
