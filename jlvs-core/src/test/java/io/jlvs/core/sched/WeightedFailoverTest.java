package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightedFailoverTest {

    @Test
    void everythingGoesToTheHighestWeightTheNewestOnATie() {
        // List C, B, A with weights A5, B10, C10: B and C share the top weight, C comes first.
        // Connection counts play no part.
        SchedulerFixture f = SchedulerFixture.of("fo").add("ABC", 5, 10, 10).conns('C', 1000, 1000);
        assertEquals("CCC", f.next(3));
    }

    @Test
    void failsOverDownTheWeights() {
        // C overloaded: B. B quiesced: A. C back and raised to 11: C. C deleted: A (B still 0).
        SchedulerFixture f = SchedulerFixture.of("fo").add("ABC", 5, 10, 10);
        f.overload('C', true);
        assertEquals('B', f.next());
        f.weight('B', 0);
        assertEquals('A', f.next());
        f.overload('C', false).weight('C', 11);
        assertEquals('C', f.next());
        f.remove('C');
        assertEquals('A', f.next());
        f.weight('A', 0);
        assertEquals('-', f.next());
    }

    @Test
    void anAddedServerOfEqualWeightTakesOver() {
        // A10 alone: A. Adding B10 puts B at the head, and the first highest wins: B.
        SchedulerFixture f = SchedulerFixture.of("fo").add("A", 10);
        assertEquals('A', f.next());
        f.add("B", 10);
        assertEquals('B', f.next());
    }
}
