package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundRobinTest {

    @Test
    void walksTheListNewestFirstAndWraps() {
        // A, B, C added in order: the list is C, B, A; the cursor starts at the head, so C comes first.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 1, 1, 1);
        assertEquals("CBA", f.order());
        assertEquals("CBACBAC", f.next(7));
    }

    @Test
    void weightsOtherThanZeroDoNotMatter() {
        // rr only tests weight > 0: weights 5, 1, 100 still take turns.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 5, 1, 100);
        assertEquals("CBACBA", f.next(6));
    }

    @Test
    void skipsQuiescedAndOverloadedServers() {
        // List C, B, A. B quiesced (weight 0): C, A alternate. Then C overloaded: only A.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 1, 1, 1).weight('B', 0);
        assertEquals("CACA", f.next(4));
        f.overload('C', true);
        assertEquals("AAA", f.next(3));
        // Cursor on A (last entry); B back at weight 1: scan wraps to C, then B, then A.
        f.overload('C', false).weight('B', 1);
        assertEquals("CBA", f.next(3));
    }

    @Test
    void resumesAfterTheCursorWhenTheCursorServerBecomesUnusable() {
        // List C, B, A; "CB" leaves the cursor on B. B overloaded: A, then wrap to C, skip B, A...
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 1, 1, 1);
        assertEquals("CB", f.next(2));
        f.overload('B', true);
        assertEquals("ACAC", f.next(4));
        // Cursor on C (entry 0); B usable again comes right after it.
        f.overload('B', false);
        assertEquals("BAC", f.next(3));
    }

    @Test
    void anAddedServerGoesToTheHeadAndTheCursorStaysOnItsServer() {
        // List C, B, A; "CB" leaves the cursor on B. D goes to the head (D, C, B, A): next is A,
        // then the wrap reaches D, C, B.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 1, 1, 1);
        assertEquals("CB", f.next(2));
        f.add("D", 1);
        assertEquals("DCBA", f.order());
        assertEquals("ADCB", f.next(4));
    }

    @Test
    void deletingTheCursorServerMovesTheCursorToThePreviousEntry() {
        // List D, C, B, A; "DC" leaves the cursor on C. Deleting C moves the cursor to D (its
        // predecessor, as ip_vs_rr_del_dest via next->prev), so B comes next, not D.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABCD", 1, 1, 1, 1);
        assertEquals("DC", f.next(2));
        f.remove('C');
        assertEquals("BADB", f.next(4));
    }

    @Test
    void deletingTheFirstEntryUnderTheCursorMovesTheCursorToTheHead() {
        // List C, B, A; "C" leaves the cursor on entry 0. Deleting C puts the cursor on the list
        // head, so the scan restarts at B.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 1, 1, 1);
        assertEquals("C", f.next(1));
        f.remove('C');
        assertEquals("BAB", f.next(3));
    }

    @Test
    void deletingAnotherServerKeepsTheCursorOnItsServer() {
        // List D, C, B, A; "DCB" leaves the cursor on B. Deleting D (before the cursor): A, C, B.
        SchedulerFixture before = SchedulerFixture.of("rr").add("ABCD", 1, 1, 1, 1);
        assertEquals("DCB", before.next(3));
        before.remove('D');
        assertEquals("ACBA", before.next(4));
        // List D, C, B, A; "D" leaves the cursor on D. Deleting B (after the cursor): C, A, D.
        SchedulerFixture after = SchedulerFixture.of("rr").add("ABCD", 1, 1, 1, 1);
        assertEquals("D", after.next(1));
        after.remove('B');
        assertEquals("CAD", after.next(3));
    }

    @Test
    void aRevivedServerIsANewHeadEntry() {
        // List C, B, A; remove B (cursor on head, unaffected); re-adding B puts it at the head: B, C, A.
        SchedulerFixture f = SchedulerFixture.of("rr").add("ABC", 1, 1, 1).remove('B').add("B", 1);
        assertEquals("BCA", f.order());
        assertEquals("BCAB", f.next(4));
    }

    @Test
    void returnsNullWhenNoServerIsUsable() {
        SchedulerFixture f = SchedulerFixture.of("rr");
        assertEquals("--", f.next(2));
        f.add("AB", 0, 1).overload('B', true);
        assertEquals("--", f.next(2));
        // The cursor survives a fruitless scan: B back, then A's weight restored.
        f.overload('B', false);
        assertEquals("BB", f.next(2));
        f.weight('A', 2);
        assertEquals("AB", f.next(2));
    }
}
