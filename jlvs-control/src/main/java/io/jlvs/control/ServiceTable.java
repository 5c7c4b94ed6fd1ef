package io.jlvs.control;

import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An immutable snapshot of everything ipvsadm configures: the virtual services in the order they
 * were added (each with its real servers, newest first), the --set timeouts and the running sync
 * daemons. The ServiceManager publishes a new one after every change; readers never lock.
 */
public record ServiceTable(List<ServiceEntry> services, Timeouts timeouts, List<SyncDaemonSpec> daemons) {

    /** The table of a freshly loaded ip_vs module. */
    public static final ServiceTable EMPTY = new ServiceTable(List.of(), Timeouts.DEFAULT, List.of());

    public ServiceTable {
        services = List.copyOf(services);
        Objects.requireNonNull(timeouts, "timeouts");
        daemons = daemons.stream().sorted(Comparator.comparing(SyncDaemonSpec::state)).toList();
    }

    /** The service with this key, if any. */
    public Optional<ServiceEntry> find(ServiceKey key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The running sync daemon in this state, if any. */
    public Optional<SyncDaemonSpec> daemon(SyncDaemonSpec.State state) {
        return daemons.stream().filter(d -> d.state() == state).findFirst();
    }

    /** The services in the order the kernel walks its hash tables (what ipvsadm -L --nosort shows). */
    public List<ServiceEntry> kernelOrder() {
        return KernelHashOrder.order(services);
    }

    /** This table with a service appended (the newest). */
    public ServiceTable withServiceAdded(ServiceEntry entry) {
        List<ServiceEntry> list = new ArrayList<>(services);
        list.add(entry);
        return new ServiceTable(list, timeouts, daemons);
    }

    /** This table with the service of this key changed in place. */
    public ServiceTable withServiceChanged(ServiceKey key, UnaryOperator<ServiceEntry> change) {
        List<ServiceEntry> list = new ArrayList<>(services.size());
        for (ServiceEntry s : services) {
            list.add(s.key().equals(key) ? change.apply(s) : s);
        }
        return new ServiceTable(list, timeouts, daemons);
    }

    /** This table without the service of this key. */
    public ServiceTable withServiceRemoved(ServiceKey key) {
        List<ServiceEntry> list = new ArrayList<>(services);
        list.removeIf(s -> s.key().equals(key));
        return new ServiceTable(list, timeouts, daemons);
    }

    /** This table with no services (ipvsadm -C keeps timeouts and daemons). */
    public ServiceTable withoutServices() {
        return new ServiceTable(List.of(), timeouts, daemons);
    }

    public ServiceTable withTimeouts(Timeouts newTimeouts) {
        return new ServiceTable(services, newTimeouts, daemons);
    }

    /** This table with one more running sync daemon. */
    public ServiceTable withDaemonStarted(SyncDaemonSpec daemon) {
        List<SyncDaemonSpec> list = new ArrayList<>(daemons);
        list.add(daemon);
        return new ServiceTable(services, timeouts, list);
    }

    /** This table without the sync daemon in this state. */
    public ServiceTable withDaemonStopped(SyncDaemonSpec.State state) {
        List<SyncDaemonSpec> list = new ArrayList<>(daemons);
        list.removeIf(d -> d.state() == state);
        return new ServiceTable(services, timeouts, list);
    }
}
