package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightedOverflowTest {

    @Test
    void fillsTheHighestWeightThenOverflows() {
        // List C, B, A with weights A3, B2, C3. C and A share the top weight; C comes first.
        SchedulerFixture f = SchedulerFixture.of("ovf").add("ABC", 3, 2, 3);
        assertEquals('C', f.next());
        // C with 3 active: the kernel skips only when activeconns > weight, so C still takes one.
        f.conns('C', 3, 0);
        assertEquals('C', f.next());
        // C with 4 active is full: A (weight 3) next.
        f.conns('C', 4, 0);
        assertEquals('A', f.next());
        // A full too: B, the lower weight.
        f.conns('A', 4, 0);
        assertEquals('B', f.next());
        // Everything full: none.
        f.conns('B', 3, 0);
        assertEquals('-', f.next());
    }

    @Test
    void inactiveConnectionsDoNotFillAServer() {
        SchedulerFixture f = SchedulerFixture.of("ovf").add("AB", 1, 2).conns('B', 2, 1000);
        assertEquals('B', f.next());
    }

    @Test
    void skipsOverloadedAndQuiescedServers() {
        // List C, B, A; C overloaded, B weight 0 (its 0 active would not exceed 0): A.
        SchedulerFixture f = SchedulerFixture.of("ovf").add("ABC", 1, 5, 9).overload('C', true).weight('B', 0);
        assertEquals('A', f.next());
        f.remove('A');
        assertEquals('-', f.next());
    }
}
