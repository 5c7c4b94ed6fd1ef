package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightedLeastConnectionTest {

    @Test
    void picksTheSmallestOverheadPerWeight() {
        // List C, B, A with weights A1, B2, C3. Active 1, 2, 3: overheads 256, 512, 768, all 256
        // per unit of weight. A tie keeps the first candidate: C.
        SchedulerFixture f = SchedulerFixture.of("wlc").add("ABC", 1, 2, 3)
                .conns('A', 1, 0).conns('B', 2, 0).conns('C', 3, 0);
        assertEquals('C', f.next());
        // C gets one inactive: 769*2 = 1538 > 512*3 = 1536, so B beats C; A does not beat B
        // (512*1 > 256*2 is false, a tie).
        f.conns('C', 3, 1);
        assertEquals('B', f.next());
        // A down to 255 inactive and no active: 512*1 > 255*2, so A beats B.
        f.conns('A', 0, 255);
        assertEquals('A', f.next());
    }

    @Test
    void allIdlePicksTheFirstUsableServer() {
        // All overheads 0: no later server is strictly better than the first usable one. List
        // C, B, A: C. With C quiesced, the first usable is B even though A weighs more.
        SchedulerFixture f = SchedulerFixture.of("wlc").add("ABC", 9, 1, 1);
        assertEquals('C', f.next());
        f.weight('C', 0);
        assertEquals('B', f.next());
    }

    @Test
    void aQuiescedServerAfterTheFirstCandidateNeverWins() {
        // List B, A. B (weight 1) is loaded, A is idle but weight 0. The continuing scan does not
        // test the weight, but B's overhead * 0 > 0 * 1 is false, so B stays.
        SchedulerFixture f = SchedulerFixture.of("wlc").add("AB", 0, 1).conns('B', 50, 50);
        assertEquals('B', f.next());
    }

    @Test
    void comparesIn64Bits() {
        // List B, A. B: weight 40000, 100000 active (overhead 25,600,000, 640 per unit).
        // A: weight 20000, 33333 active (overhead 8,533,248, about 427 per unit), so A is better:
        // 25,600,000 * 20000 = 512e9 > 8,533,248 * 40000 = 341.3e9. In 32 bits the left product
        // wraps and the comparison would keep B.
        SchedulerFixture f = SchedulerFixture.of("wlc").add("AB", 20000, 40000)
                .conns('A', 33333, 0).conns('B', 100000, 0);
        assertEquals('A', f.next());
    }

    @Test
    void skipsOverloadedServersAndGivesNullWhenNoneIsUsable() {
        // List B, A, idle: B. B overloaded: A. A quiesced as well: none.
        SchedulerFixture f = SchedulerFixture.of("wlc").add("AB", 1, 1);
        assertEquals('B', f.next());
        f.overload('B', true);
        assertEquals('A', f.next());
        f.weight('A', 0);
        assertEquals('-', f.next());
    }
}
