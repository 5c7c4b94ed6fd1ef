package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.testkit.FakeClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The engine's connection table starts small and may grow to ProxyOptions.maxConnections. */
class EngineSizingTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void theTableStartsAtTheInitialSizeAndMayGrowToMaxConnections() {
        EngineCore core = ProxyEngine.engineCore(ProxyOptions.DEFAULT, clock::nanos);
        assertEquals(ProxyOptions.INITIAL_CONNECTIONS, core.table().capacity());
        assertEquals(ConnectionTable.DEFAULT_MAX_CAPACITY, core.table().maxCapacity());
        assertEquals(ConnectionTable.DEFAULT_MAX_CAPACITY, ProxyOptions.DEFAULT.maxConnections());
    }

    @Test
    void aMaximumBelowTheInitialSizeIsAlsoWhereTheTableStarts() {
        EngineCore core = ProxyEngine.engineCore(ProxyOptions.DEFAULT.withMaxConnections(100), clock::nanos);
        assertEquals(100, core.table().capacity());
        assertEquals(100, core.table().maxCapacity());
    }

    @Test
    void maxConnectionsMustBePositiveAndWithinTheTablesLimit() {
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.DEFAULT.withMaxConnections(0));
        assertThrows(IllegalArgumentException.class,
                () -> ProxyOptions.DEFAULT.withMaxConnections(ConnectionTable.LIMIT_CAPACITY + 1));
    }
}
