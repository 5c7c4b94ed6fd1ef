package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jlvs.control.TestTables.service;
import static io.jlvs.control.TestTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every wait on an engine is bounded, queries never wait behind a command, and a change that
 * cannot be saved is taken back out of the engine.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineWaitsTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);

    /** An engine that loads tables at once but holds every other list until released. */
    private static final class HeldEngine {
        final CompletableFuture<Void> release = new CompletableFuture<>();
        final CompletableFuture<Void> holding = new CompletableFuture<>();
        final InterposedEngine engine = new InterposedEngine(local -> commands -> {
            if (commands.getFirst() instanceof EngineCommand.LoadTable) {
                return local.apply(commands);
            }
            holding.complete(null);
            return release.thenCompose(ignored -> local.apply(commands));
        });
    }

    @Test
    void aCommandTheEngineDoesNotAnswerInTimeIsAnErrorReplyAndChangesNothing() {
        ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), TableStore.NONE);
        HeldEngine engine = new HeldEngine();
        manager.attach(engine.engine, Duration.ofMillis(300), Duration.ofSeconds(5));

        Reply reply = manager.handle(new Command.AddService(service(WEB)));

        assertEquals(Reply.Failure.jlvs("the interposed engine did not apply the change within 300 ms; the change was not"
                + " made", 0), reply);
        assertSame(ServiceTable.EMPTY, manager.table());
    }

    @Test
    void queriesAnswerWhileACommandWaitsForTheEngine() throws Exception {
        ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), TableStore.NONE);
        HeldEngine engine = new HeldEngine();
        manager.attach(engine.engine, Duration.ofSeconds(20), Duration.ofSeconds(5));

        CompletableFuture<Reply> command = CompletableFuture.supplyAsync(
                () -> manager.handle(new Command.AddService(service(WEB))));
        engine.holding.get(5, TimeUnit.SECONDS);

        Reply listing = CompletableFuture.supplyAsync(() -> manager.handle(new Query.GetServices(null)))
                .get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), assertInstanceOf(Reply.Services.class, listing).services(),
                "the listing shows the published table, without the change still under way");

        engine.release.complete(null);
        assertEquals(new Reply.Ok(), command.get(5, TimeUnit.SECONDS));
        assertEquals(1, manager.table().services().size());
    }

    @Test
    void aChangeThatCannotBeSavedIsTakenBackOutOfTheEngine() {
        InterposedEngine engine = new InterposedEngine(local -> local::apply);
        boolean[] diskFull = {false};
        ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), (applied, next) -> {
            if (diskFull[0]) {
                throw new IOException("No space left on device");
            }
        });
        manager.attach(engine, Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertEquals(new Reply.Ok(), manager.handle(new Command.AddService(service(WEB))));
        TableSnapshot before = engine.core.snapshot();
        diskFull[0] = true;

        assertThrows(UncheckedIOException.class, () -> manager.handle(new Command.AddService(service(tcp("10.0.0.2", 80)))));

        assertEquals(before.configs(), engine.core.snapshot().configs());
        assertEquals(1, manager.table().services().size());
    }
}
