package io.jlvs.core.engine;

import io.jlvs.core.conn.ConnectionPage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link EngineCore} run on the caller's thread: jlvs simulate, and tests that need the tables
 * without sockets. Every future it returns is already complete.
 */
public final class LocalEngine implements DataPlane {
    private final String name;
    private final EngineCore core;

    public LocalEngine(String name, EngineCore core) {
        this.name = Objects.requireNonNull(name, "name");
        this.core = Objects.requireNonNull(core, "core");
    }

    /** The core, for the caller's own data-plane work (simulated connections). */
    public EngineCore core() {
        return core;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized CompletableFuture<Void> apply(List<EngineCommand> commands) {
        for (int i = 0; i < commands.size(); i++) {
            try {
                core.apply(commands.get(i));
            } catch (EngineRejection e) {
                return CompletableFuture.failedFuture(e.at(i));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<TableSnapshot> snapshot() {
        return CompletableFuture.completedFuture(core.snapshot());
    }

    @Override
    public synchronized CompletableFuture<ConnectionPage> copyConnections(ConnectionPage page, int fromSlot) {
        core.copyConnections(page, fromSlot);
        return CompletableFuture.completedFuture(page);
    }
}
