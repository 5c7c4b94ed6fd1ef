package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jlvs.control.TestTables.dest;
import static io.jlvs.control.TestTables.service;
import static io.jlvs.control.TestTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the ServiceManager hands its store: the applied commands of each request that changed the table, and nothing else. */
class ServiceManagerPersistenceTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);

    private final List<List<Command>> committed = new ArrayList<>();
    private final List<ServiceTable> tables = new ArrayList<>();
    private final ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), (applied, next) -> {
        committed.add(applied);
        tables.add(next);
    });

    private void ok(Command command) {
        assertEquals(new Reply.Ok(), manager.handle(command), command::toString);
    }

    @Test
    void eachRequestThatChangesTheTableCommitsItsAppliedCommandsOnce() {
        Command add = new Command.AddService(service(WEB));
        Command real = new Command.AddDest(WEB, dest("192.168.1.1", 80));
        Command refused = new Command.AddDest(WEB, dest("192.168.1.1", 80));

        ok(add);
        manager.handle(new Command.Batch(List.of(real, refused)));

        assertEquals(List.of(List.of(add), List.of(real)), committed);
        assertEquals(List.of(manager.table()), tables.subList(1, 2));
    }

    @Test
    void zeroingChangesNoRuleAndCommitsNothing() {
        ok(new Command.AddService(service(WEB)));
        committed.clear();

        ok(new Command.Zero(null));
        ok(new Command.Zero(WEB));
        ok(new Command.Batch(List.of(new Command.Zero(WEB), new Command.Zero(null))));

        assertEquals(List.of(), committed);
    }

    @Test
    void aRequestThatChangesNothingCommitsNothing() {
        ok(new Command.AddService(service(WEB)));
        committed.clear();

        ok(new Command.EditService(service(WEB)));
        ok(new Command.SetTimeouts(new Timeouts(0, 0, 0)));
        ok(new Command.Batch(List.of(new Command.AddDest(WEB, dest("192.168.1.1", 80)),
                new Command.DelDest(WEB, dest("192.168.1.1", 80).address(), 80))));
        manager.handle(new Command.DelService(tcp("10.9.9.9", 1)));

        assertEquals(List.of(), committed);
    }
}
