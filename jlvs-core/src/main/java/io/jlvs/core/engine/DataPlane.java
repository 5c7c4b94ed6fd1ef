package io.jlvs.core.engine;

import io.jlvs.core.conn.ConnectionPage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An engine as the control plane sees it: it takes command records and answers with copies, each
 * on its own thread, so every call returns a future (which the caller waits on with a timeout). The
 * proxy engine, {@link LocalEngine} (jlvs simulate, tests) and later the packet engine implement it.
 */
public interface DataPlane {

    /** The data plane's name as jlvs adm reports it ("proxy", "simulate"). */
    String name();

    /**
     * Applies the commands in order. Completes when all are in effect (for the proxy: listeners
     * bound); completes exceptionally with an {@link EngineRejection} whose index names the first
     * command refused: the ones before it are in effect, it and the rest are not.
     */
    CompletableFuture<Void> apply(List<EngineCommand> commands);

    /** The service table with its counters and the timeouts, copied on the engine's thread. */
    CompletableFuture<TableSnapshot> snapshot();

    /**
     * Copies one page of connection entries from slot fromSlot on (one short task on the engine's
     * thread); the page's {@link ConnectionPage#nextSlot()} says where the next one starts.
     */
    CompletableFuture<ConnectionPage> copyConnections(ConnectionPage page, int fromSlot);

    /**
     * The engine's own counters by name, in the order to print them (jlvs status): for the packet
     * engine its frames, forwarded and dropped by reason. None by default.
     */
    default CompletableFuture<Map<String, Long>> counters() {
        return CompletableFuture.completedFuture(Map.of());
    }
}
