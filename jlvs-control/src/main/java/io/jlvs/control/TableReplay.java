package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.SyncDaemonSpec;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Saved state replayed through the kernel rules, so a restored table passes the same judge as a
 * command from ipvsadm: a table is rebuilt from the commands that make it, and a journal's
 * commands are applied on top of it. Any command the rules refuse is an error naming the entry.
 */
public final class TableReplay {
    private final HostFacts host;
    private TableState current;

    /** A replay starting from a table already judged (the snapshot a journal continues). */
    public TableReplay(ServiceTable start, HostFacts host) {
        this.current = new TableDraft(Objects.requireNonNull(start, "start"));
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * Applies one command as the ServiceManager would; a Batch's members in order.
     *
     * @throws CommandRefusedException when the rules refuse it (the replay is then unusable)
     */
    public void apply(Command command) throws CommandRefusedException {
        if (command instanceof Command.Batch batch) {
            for (Command member : batch.commands()) {
                apply(member);
            }
            return;
        }
        switch (KernelRules.apply(current, command, host)) {
            case KernelRules.Outcome.Applied a -> current = a.table();
            case KernelRules.Outcome.Rejected r ->
                    throw new CommandRefusedException(command, LibipvsMessages.of(r.operation(), r.errno()).message());
            case KernelRules.Outcome.Unsupported u -> throw new CommandRefusedException(command, u.message());
        }
    }

    /** The table after everything applied so far. */
    public ServiceTable table() {
        return current.freeze();
    }

    /**
     * The table as the rules build it from its own commands: --set, the sync daemons, then each
     * service followed by its real servers (oldest first, as each -a puts one at the head) and its
     * local addresses (in order, as each -P appends one).
     *
     * @throws CommandRefusedException when an entry would be refused as a command, or the rules
     *                                 would store it otherwise than the table holds it
     */
    public static ServiceTable rebuild(ServiceTable table, HostFacts host) throws CommandRefusedException {
        TableReplay replay = new TableReplay(ServiceTable.EMPTY, host);
        for (Command command : commandsOf(table)) {
            replay.apply(command);
        }
        ServiceTable rebuilt = replay.table();
        if (!rebuilt.equals(table)) {
            throw firstDifference(table, rebuilt);
        }
        return rebuilt;
    }

    /** The commands that build this table from an empty one. */
    public static List<Command> commandsOf(ServiceTable table) {
        List<Command> commands = new ArrayList<>();
        commands.add(new Command.SetTimeouts(table.timeouts()));
        for (SyncDaemonSpec daemon : table.daemons()) {
            commands.add(new Command.StartDaemon(daemon));
        }
        for (ServiceEntry service : table.services()) {
            commands.add(new Command.AddService(service.spec()));
            List<DestinationSpec> destinations = service.destinations();
            for (int i = destinations.size() - 1; i >= 0; i--) {
                commands.add(new Command.AddDest(service.key(), destinations.get(i)));
            }
            for (InetAddress local : service.localAddresses()) {
                commands.add(new Command.AddLocalAddress(service.key(), local));
            }
        }
        return commands;
    }

    /** Accepted, but stored otherwise (a 0 timeout, a kernel-only flag): names what differs. */
    private static CommandRefusedException firstDifference(ServiceTable saved, ServiceTable rebuilt) {
        if (!saved.timeouts().equals(rebuilt.timeouts())) {
            return new CommandRefusedException(new Command.SetTimeouts(saved.timeouts()),
                    "--set would store " + rebuilt.timeouts() + " (0 is no timeout)");
        }
        for (int i = 0; i < saved.services().size(); i++) {
            ServiceEntry mine = saved.services().get(i);
            ServiceEntry theirs = rebuilt.services().get(i);
            if (!mine.spec().equals(theirs.spec())) {
                return new CommandRefusedException(new Command.AddService(mine.spec()),
                        "-A would store " + theirs.spec());
            }
        }
        if (!saved.daemons().equals(rebuilt.daemons())) {
            return new CommandRefusedException(new Command.StartDaemon(saved.daemons().getFirst()),
                    "--start-daemon would store " + rebuilt.daemons());
        }
        return new CommandRefusedException(new Command.Flush(), "the table does not read back as saved");
    }
}
