package io.jlvs.proxy;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The descriptor budget's arithmetic, on channels without sockets. */
class DescriptorBudgetTest {

    @Test
    void aSocketCountsUntilItClosesAndOnlyWhatFitsIsAdmitted() {
        DescriptorBudget budget = new DescriptorBudget(3);
        EmbeddedChannel one = new EmbeddedChannel();
        EmbeddedChannel two = new EmbeddedChannel();
        assertTrue(budget.admits(2));
        budget.track(one);
        budget.track(two);

        assertFalse(budget.admits(2), "2 open + 2 > 3");
        assertTrue(budget.admits(1));

        one.close();
        assertEquals(1, budget.open());
        assertTrue(budget.admits(2));
    }

    @Test
    void aClosedChannelIsNotCounted() {
        DescriptorBudget budget = new DescriptorBudget(3);
        EmbeddedChannel closed = new EmbeddedChannel();
        closed.close();

        budget.track(closed);

        assertEquals(0, budget.open());
    }

    @Test
    void refusalsAreCountedByKind() {
        DescriptorBudget budget = new DescriptorBudget(2);
        budget.refusedClient();
        budget.refusedClient();
        budget.refusedDatagram();

        assertEquals(List.of(2L, 1L), List.of(budget.refusedClients(), budget.refusedDatagrams()));
    }

    @Test
    void noBudgetAdmitsEverythingWithoutOverflow() {
        DescriptorBudget budget = new DescriptorBudget(ProxyOptions.NO_SOCKET_BUDGET);
        budget.track(new EmbeddedChannel());

        assertTrue(budget.admits(ProxyOptions.SOCKETS_PER_TCP_CONNECTION));
    }

    @Test
    void aBudgetMustHoldOneConnection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyOptions.DEFAULT.withMaxOpenSockets(1));
        assertEquals("maxOpenSockets must be at least 2 (one proxied connection): 1", e.getMessage());
    }
}
