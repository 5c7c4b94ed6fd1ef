package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.ServiceConfig;
import io.jlvs.core.model.ServiceSpec;

import java.util.List;

/** What an accepted command asks of the engines, as {@link EngineCommand} records. */
final class EngineCommands {
    private EngineCommands() {
    }

    /**
     * Appends the engine commands of one accepted command.
     *
     * @param after the table right after it (the timeouts an engine is to use)
     */
    static void add(Command command, TableState after, List<EngineCommand> out) {
        switch (command) {
            case Command.AddService c -> out.add(new EngineCommand.AddService(stored(after, c.service())));
            case Command.EditService c -> out.add(new EngineCommand.EditService(stored(after, c.service())));
            case Command.DelService c -> out.add(new EngineCommand.DeleteService(c.key()));
            case Command.Flush c -> out.add(new EngineCommand.Flush());
            case Command.AddDest c -> out.add(new EngineCommand.AddDestination(c.key(), c.destination()));
            case Command.EditDest c -> out.add(new EngineCommand.EditDestination(c.key(), c.destination()));
            case Command.DelDest c -> out.add(new EngineCommand.DeleteDestination(c.key(), c.address(), c.port()));
            case Command.AddLocalAddress c -> out.add(new EngineCommand.AddLocalAddress(c.key(), c.address()));
            case Command.DelLocalAddress c -> out.add(new EngineCommand.DeleteLocalAddress(c.key(), c.address()));
            case Command.Zero c -> out.add(new EngineCommand.Zero(c.key()));
            case Command.SetTimeouts c -> out.add(new EngineCommand.SetTimeouts(after.timeouts()));
            // No engine runs a sync daemon (KernelRules refuses to start one).
            case Command.StartDaemon c -> { }
            case Command.StopDaemon c -> { }
            case Command.Batch c -> c.commands().forEach(member -> add(member, after, out));
        }
    }

    /** The spec as the table stores it (KernelRules drops the kernel's own HASHED bit). */
    private static ServiceSpec stored(TableState after, ServiceSpec spec) {
        return after.find(spec.key()).map(ServiceEntry::spec).orElse(spec);
    }

    /** The whole table as one command: startup, and putting an engine back to a known table. */
    static EngineCommand.LoadTable load(ServiceTable table) {
        return new EngineCommand.LoadTable(configs(table), table.timeouts());
    }

    /** The table's services as engine configurations, in the table's order. */
    static List<ServiceConfig> configs(ServiceTable table) {
        return table.services().stream().map(s -> new ServiceConfig(s.spec(), s.destinations(), s.localAddresses())).toList();
    }
}
