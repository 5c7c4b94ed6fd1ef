package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.jlvs.control.TestTables.dest;
import static io.jlvs.control.TestTables.service;
import static io.jlvs.control.TestTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the ServiceManager does when the engine refuses a command: an error reply, nothing more changed. */
class EngineRefusalTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);
    private static final ServiceKey TAKEN = tcp("10.0.0.2", 80);
    private static final String CANNOT_LISTEN = "cannot listen on TCP 10.0.0.2:80: Address already in use";

    /** Like the proxy when TAKEN's port is held by another process: it refuses adding TAKEN. */
    private final InterposedEngine engine = new InterposedEngine(local -> commands -> {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i) instanceof EngineCommand.AddService add && add.spec().key().equals(TAKEN)) {
                int at = i;
                return local.apply(commands.subList(0, i))
                        .thenCompose(done -> CompletableFuture.failedFuture(new EngineRejection(CANNOT_LISTEN, at, null)));
            }
        }
        return local.apply(commands);
    });
    private final ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), TableStore.NONE);

    EngineRefusalTest() {
        manager.attach(engine, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aCommandTheEngineRefusesIsAnErrorNamingTheCauseAndChangesNothing() {
        List<Command> told = new ArrayList<>();
        manager.addListener((applied, table) -> told.add(applied));

        Reply reply = manager.handle(new Command.AddService(service(TAKEN)));

        assertEquals(Reply.Failure.jlvs(CANNOT_LISTEN, 0), reply);
        assertSame(ServiceTable.EMPTY, manager.table());
        assertTrue(engine.core.snapshot().services().isEmpty());
        assertTrue(told.isEmpty());
    }

    @Test
    void inABatchTheMembersBeforeTheRefusedOneStayAndTheFailureCarriesItsIndex() {
        Reply reply = manager.handle(new Command.Batch(List.of(
                new Command.AddService(service(WEB)),
                new Command.AddDest(WEB, dest("192.168.1.1", 80)),
                new Command.AddService(service(TAKEN)),
                new Command.AddDest(TAKEN, dest("192.168.1.1", 80)))));

        assertEquals(Reply.Failure.jlvs(CANNOT_LISTEN, 2), reply);
        assertEquals(List.of(WEB), manager.table().services().stream().map(ServiceEntry::key).toList());
        assertEquals(1, manager.table().find(WEB).orElseThrow().destinations().size());
        assertEquals(EngineCommands.configs(manager.table()), engine.core.snapshot().configs());
    }

    @Test
    void aRefusalInsideANestedBatchPutsTheEngineBackToTheTable() {
        Reply reply = manager.handle(new Command.Batch(List.of(
                new Command.AddService(service(WEB)),
                new Command.Batch(List.of(new Command.AddDest(WEB, dest("192.168.1.1", 80)),
                        new Command.AddService(service(TAKEN)))))));

        assertEquals(Reply.Failure.jlvs(CANNOT_LISTEN, 1), reply);
        assertTrue(manager.table().find(WEB).orElseThrow().destinations().isEmpty(), "a nested batch is all or nothing");
        assertEquals(EngineCommands.configs(manager.table()), engine.core.snapshot().configs());
    }
}
