package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeastConnectionTest {

    @Test
    void picksTheSmallestOverheadAndTheNewestOnATie() {
        // List C, B, A. Overheads (active*256 + inactive): A 256, B 300, C 256. The minimum 256 is
        // shared by C and A; the scan keeps the first strictly smaller one, so C (newest) wins.
        SchedulerFixture f = SchedulerFixture.of("lc").add("ABC", 1, 1, 1)
                .conns('A', 1, 0).conns('B', 0, 300).conns('C', 1, 0);
        assertEquals('C', f.next());
        // C at 257 now: A (256) is the only minimum.
        f.conns('C', 1, 1);
        assertEquals('A', f.next());
    }

    @Test
    void anActiveConnectionCostsTwoHundredFiftySixInactiveOnes() {
        // List B, A. A: 1 active (256). B: 255 inactive (255) wins; at 256 inactive it ties and
        // B, first in the list, still wins; at 257 A wins.
        SchedulerFixture f = SchedulerFixture.of("lc").add("AB", 1, 1).conns('A', 1, 0).conns('B', 0, 255);
        assertEquals('B', f.next());
        f.conns('B', 0, 256);
        assertEquals('B', f.next());
        f.conns('B', 0, 257);
        assertEquals('A', f.next());
    }

    @Test
    void weightsOnlyQuiesce() {
        // List B, A. A weight 100 with 1 active loses to B weight 1 idle: lc ignores weights...
        SchedulerFixture f = SchedulerFixture.of("lc").add("AB", 100, 1).conns('A', 1, 0);
        assertEquals('B', f.next());
        // ...except weight 0, which takes B out however idle it is.
        f.weight('B', 0);
        assertEquals('A', f.next());
    }

    @Test
    void skipsOverloadedAndDeletedServers() {
        // List C, B, A, all idle: C. C overloaded: B. B deleted: A. A overloaded too: none.
        SchedulerFixture f = SchedulerFixture.of("lc").add("ABC", 1, 1, 1);
        assertEquals('C', f.next());
        f.overload('C', true);
        assertEquals('B', f.next());
        f.remove('B');
        assertEquals('A', f.next());
        f.overload('A', true);
        assertEquals('-', f.next());
    }
}
