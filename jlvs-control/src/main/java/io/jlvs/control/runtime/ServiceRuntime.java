package io.jlvs.control.runtime;

import io.jlvs.control.DestinationCounters;
import io.jlvs.control.ServiceCounters;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.ServiceTableListener;
import io.jlvs.control.TrafficSource;
import io.jlvs.control.api.Command;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.core.service.VirtualServiceTable;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Keeps a core {@link VirtualServiceTable} in step with every applied command, and reports its
 * live counts (ActiveConn, InActConn, PersistConn, counters, rates) to listings. For a table used
 * on the ServiceManager's thread (jlvs simulate); an engine with its own thread applies the same
 * commands through {@link #apply} on that thread.
 */
public final class ServiceRuntime implements ServiceTableListener, TrafficSource {
    private final VirtualServiceTable table;

    public ServiceRuntime(VirtualServiceTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The run-time table. */
    public VirtualServiceTable table() {
        return table;
    }

    @Override
    public void tableChanged(Command applied, ServiceTable snapshot) {
        apply(table, applied);
    }

    /** Applies one validated command to a run-time table. */
    public static void apply(VirtualServiceTable table, Command command) {
        switch (command) {
            case Command.AddService c -> table.add(c.service());
            case Command.EditService c -> table.edit(c.service());
            case Command.DelService c -> table.remove(c.key());
            case Command.Flush c -> table.flush();
            case Command.AddDest c -> table.addDestination(c.key(), c.destination());
            case Command.EditDest c -> table.editDestination(c.key(), c.destination());
            case Command.DelDest c -> table.removeDestination(c.key(), c.address(), c.port());
            case Command.Zero c -> table.zero(c.key());
            case Command.SetTimeouts c -> { }
            case Command.StartDaemon c -> { }
            case Command.StopDaemon c -> { }
            // The ServiceManager reports a batch's members one by one; a nested batch is replayed.
            case Command.Batch c -> c.commands().forEach(member -> apply(table, member));
        }
    }

    @Override
    public ServiceCounters service(ServiceKey key) {
        return counters(table.get(key));
    }

    @Override
    public DestinationCounters destination(ServiceKey key, InetAddress address, int port) {
        VirtualService service = table.get(key);
        return counters(service == null ? null : service.find(address, port));
    }

    /** The counters of a run-time service (zeros for null). */
    public static ServiceCounters counters(VirtualService service) {
        return service == null ? ServiceCounters.ZERO
                : new ServiceCounters(service.stats().snapshot(), service.stats().rates());
    }

    /** The counts of a run-time real server (zeros for null). */
    public static DestinationCounters counters(RealServer dest) {
        return dest == null ? DestinationCounters.ZERO
                : new DestinationCounters(dest.activeConns(), dest.inactConns(), dest.persistConns(),
                        dest.stats().snapshot(), dest.stats().rates());
    }
}
