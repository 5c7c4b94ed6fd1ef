package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightedRoundRobinTest {

    @Test
    void weightsFourThreeTwoGiveTheKernelSequence() {
        // A4, B3, C2 added in order: list C, B, A. The hooks run per add: init gives mw=0, cw=0;
        // +A: di=4, mw=1, cw 0 -> 1; +B: di=1, mw=4, cw stays 1; +C: same. So the first pass runs
        // at cw=1: C, B, A. Then cw wraps to mw=4: A. cw=3: B, A. cw=2: C, B, A. cw=1: C, B, A.
        // The cycle ABACBACBA (A4, B3, C2) repeats from there.
        SchedulerFixture f = SchedulerFixture.of("wrr").add("ABC", 4, 3, 2);
        assertEquals("CBA" + "ABACBACBA" + "ABACBACBA", f.next(21));
    }

    @Test
    void aServiceBoundToExistingServersStartsAtTheMaximumWeight() {
        // Binding wrr to a service that already lists C, B, A (ipvsadm -E -s wrr) runs init_service
        // over all three: di=1, mw=4, cw=4, so the cycle starts at once.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 4, 3, 2);
        f.service().edit(f.service().spec().withScheduler("wrr"), new WeightedRoundRobin());
        assertEquals("ABACBACBA" + "ABACBACBA", f.next(18));
    }

    @Test
    void aCommonDivisorShortensTheCycle() {
        // Adds: A6 gives di=6, mw=1, cw 0 -> 1; B4 gives di=2, mw=5, cw = (1/2)*2+1 = 1.
        // List B, A. cw=1: B, A. Wrap: cw=5: A. cw=3: B, A. cw=1: B, A. Cycle ABABA: A3, B2.
        SchedulerFixture f = SchedulerFixture.of("wrr").add("AB", 6, 4);
        assertEquals("BA" + "ABABA" + "ABABA", f.next(12));
    }

    @Test
    void anEditRecomputesTheStepAndRoundsTheCurrentWeight() {
        // As above, "BAAB" ends with the cursor on B and cw = 3. Editing B to 3: di = 3,
        // mw = 6 - 2 = 4, cw 3 <= 4 so cw = (3/3)*3 + 1 = 4, cursor back to the head.
        // cw=4: B no, A.  cw=1: B, A.  Wrap to cw=4: A.  cw=1: B, A.  Cycle ABA: A2, B1.
        SchedulerFixture f = SchedulerFixture.of("wrr").add("AB", 6, 4);
        assertEquals("BAAB", f.next(4));
        f.weight('B', 3);
        assertEquals("A" + "BA" + "ABA" + "ABA", f.next(9));
    }

    @Test
    void anEditThatLowersTheMaximumClampsTheCurrentWeight() {
        // A4, B2: adds leave di=2, mw=3, cw=1. List B, A. cw=1: B, A. Wrap cw=3: A (cursor A).
        // Editing A to 2: di=2, mw=1, cw 3 > 1 so cw = 1; cursor to the head: B, A, B, A...
        SchedulerFixture f = SchedulerFixture.of("wrr").add("AB", 4, 2);
        assertEquals("BAA", f.next(3));
        f.weight('A', 2);
        assertEquals("BABA", f.next(4));
    }

    @Test
    void anEditMidCycleKeepsTheCurrentWeightWhenTheStepIsOne() {
        // A4, B3, C2: "CBA" at cw=1, then cw=4: A, cw=3: B, A. Now the cursor is on A and cw=3.
        // Editing B to 1: di=1, mw=4, cw stays 3, cursor to the head. cw=3: A. cw=2: C, A.
        // cw=1: C, B, A. Wrap: cw=4: A. cw=3: A. cw=2: C, A. cw=1: C, B, A.
        SchedulerFixture f = SchedulerFixture.of("wrr").add("ABC", 4, 3, 2);
        assertEquals("CBAABA", f.next(6));
        f.weight('B', 1);
        assertEquals("A" + "CA" + "CBA" + "A" + "A" + "CA" + "CBA", f.next(13));
    }

    @Test
    void anAddResetsTheCursorToTheHead() {
        // A2, B1: adds leave di=1, mw=2, cw=1. List B, A. cw=1: B (cursor on B).
        // Adding C1: list C, B, A; di=1, mw=2, cw stays 1, cursor to the head: C, B, A at cw=1,
        // then cw=2: A, then cw=1: C, B, A.
        SchedulerFixture f = SchedulerFixture.of("wrr").add("AB", 2, 1);
        assertEquals("B", f.next(1));
        f.add("C", 1);
        assertEquals("CBA" + "A" + "CBA", f.next(7));
    }

    @Test
    void quiescedServersAreNeverPicked() {
        // A2, B1, C0: the adds leave di=1, mw=2, cw=1. List C, B, A.
        // cw=1: C no, B, A. Wrap cw=2: A. cw=1: B, A.
        SchedulerFixture f = SchedulerFixture.of("wrr").add("ABC", 2, 1, 0);
        assertEquals("BA" + "ABA" + "ABA", f.next(8));
    }

    @Test
    void overloadedServersAreSkippedAndAllOverloadedGivesNull() {
        // As above, after "BAABA" the cursor is on A at cw=1. A overloaded: nothing after A, cw
        // wraps to 2 (restarted), nothing has weight >= 2; cw=1 is the last pass, stop at A:
        // C no, B. Every later call finds B the same way.
        SchedulerFixture f = SchedulerFixture.of("wrr").add("ABC", 2, 1, 0);
        assertEquals("BAABA", f.next(5));
        f.overload('A', true);
        assertEquals("BBB", f.next(3));
        // B overloaded too: the last pass reaches the stop entry B and gives up.
        f.overload('B', true);
        assertEquals("--", f.next(2));
        // Both back: the cursor stayed on B, cw=1: A, then wrap to cw=2: A, cw=1: B, A.
        f.overload('A', false).overload('B', false);
        assertEquals("A" + "ABA", f.next(4));
    }

    @Test
    void aDeleteRecomputesFromTheRemainingServers() {
        // A4, B3, C2 then "CBAABA": cursor on A, cw=3. Deleting A: list C, B; di=1, mw=3, cw stays
        // 3, cursor to the head. cw=3: B. cw=2: C, B. cw=1: C, B. Wrap cw=3: B. cw=2: C, B. ...
        SchedulerFixture f = SchedulerFixture.of("wrr").add("ABC", 4, 3, 2);
        assertEquals("CBAABA", f.next(6));
        f.remove('A');
        assertEquals("B" + "CB" + "CB" + "B" + "CB" + "CB", f.next(10));
    }

    @Test
    void allWeightsZeroGivesNullAndARestoredWeightStartsAgain() {
        // mw = 0 when every weight is 0: no destination. Restoring B to 3: di=3, mw=1, cw=1 (cw
        // was 0, so it takes mw).
        SchedulerFixture f = SchedulerFixture.of("wrr").add("AB", 0, 0);
        assertEquals("--", f.next(2));
        f.weight('B', 3);
        assertEquals("BBB", f.next(3));
        assertEquals("-", SchedulerFixture.of("wrr").next(1));
    }
}
