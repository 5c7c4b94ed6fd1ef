package io.jlvs.control;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.engine.DataPlane;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.LocalEngine;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.sched.SchedulerContext;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A local engine core behind a test's own apply step (to hold, drop or alter command lists), so
 * tests can make an engine misbehave in one chosen way; queries go straight to the core.
 */
final class InterposedEngine implements DataPlane {
    final EngineCore core = new EngineCore(SchedulerContext.standard(), ConnectionOptions.DEFAULT, 16, 1024, () -> 0L);
    final LocalEngine local = new LocalEngine("interposed", core);
    private final Function<List<EngineCommand>, CompletableFuture<Void>> apply;

    /** @param apply what the engine does with a list, given the local engine to pass it on to */
    InterposedEngine(Function<LocalEngine, Function<List<EngineCommand>, CompletableFuture<Void>>> apply) {
        this.apply = apply.apply(local);
    }

    @Override
    public String name() {
        return "interposed";
    }

    @Override
    public CompletableFuture<Void> apply(List<EngineCommand> commands) {
        return apply.apply(commands);
    }

    @Override
    public CompletableFuture<TableSnapshot> snapshot() {
        return local.snapshot();
    }

    @Override
    public CompletableFuture<ConnectionPage> copyConnections(ConnectionPage page, int fromSlot) {
        return local.copyConnections(page, fromSlot);
    }
}
