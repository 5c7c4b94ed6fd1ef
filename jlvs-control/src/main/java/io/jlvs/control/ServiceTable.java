package io.jlvs.control;

import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of everything ipvsadm configures: the virtual services in the order they
 * were added (each with its real servers, newest first), the --set timeouts and the running sync
 * daemons. The ServiceManager publishes a new one after every change; readers never lock. A
 * service is found by key in O(1) and a change to one service copies references, not services
 * (see {@link ServiceList}).
 */
public record ServiceTable(List<ServiceEntry> services, Timeouts timeouts, List<SyncDaemonSpec> daemons)
        implements TableState {

    /** The table of a freshly loaded ip_vs module. */
    public static final ServiceTable EMPTY = new ServiceTable(List.of(), Timeouts.DEFAULT, List.of());

    public ServiceTable {
        services = ServiceList.copyOf(services);
        Objects.requireNonNull(timeouts, "timeouts");
        daemons = daemons.size() < 2 ? List.copyOf(daemons)
                : daemons.stream().sorted(Comparator.comparing(SyncDaemonSpec::state)).toList();
    }

    /** The service with this key, if any. */
    @Override
    public Optional<ServiceEntry> find(ServiceKey key) {
        int i = list().indexOf(key);
        return i < 0 ? Optional.empty() : Optional.of(services.get(i));
    }

    @Override
    public ServiceEntry serviceOrNull(ServiceKey key) {
        int i = list().indexOf(key);
        return i < 0 ? null : services.get(i);
    }

    private ServiceList list() {
        return (ServiceList) services;
    }

    /** The running sync daemon in this state, if any. */
    @Override
    public Optional<SyncDaemonSpec> daemon(SyncDaemonSpec.State state) {
        return daemons.stream().filter(d -> d.state() == state).findFirst();
    }

    /** The services in the order the kernel walks its hash tables (what ipvsadm -L --nosort shows). */
    public List<ServiceEntry> kernelOrder() {
        return KernelHashOrder.order(services);
    }

    /** This table with a service appended (the newest). */
    @Override
    public ServiceTable withServiceAdded(ServiceEntry entry) {
        return new ServiceTable(list().withAdded(entry), timeouts, daemons);
    }

    /** This table with the service of the entry's key replaced by it, in its place. */
    @Override
    public ServiceTable withServiceReplaced(ServiceEntry entry) {
        int i = list().indexOf(entry.key());
        return i < 0 ? this : new ServiceTable(list().with(i, entry), timeouts, daemons);
    }

    /** This table without the service of this key. */
    @Override
    public ServiceTable withServiceRemoved(ServiceKey key) {
        int i = list().indexOf(key);
        return i < 0 ? this : new ServiceTable(list().without(i), timeouts, daemons);
    }

    /** This table with no services (ipvsadm -C keeps timeouts and daemons). */
    @Override
    public ServiceTable withoutServices() {
        return new ServiceTable(List.of(), timeouts, daemons);
    }

    @Override
    public ServiceTable withTimeouts(Timeouts newTimeouts) {
        return new ServiceTable(services, newTimeouts, daemons);
    }

    /** This table with one more running sync daemon. */
    @Override
    public ServiceTable withDaemonStarted(SyncDaemonSpec daemon) {
        List<SyncDaemonSpec> list = new ArrayList<>(daemons);
        list.add(daemon);
        return new ServiceTable(services, timeouts, list);
    }

    /** This table without the sync daemon in this state. */
    @Override
    public ServiceTable withDaemonStopped(SyncDaemonSpec.State state) {
        List<SyncDaemonSpec> list = new ArrayList<>(daemons);
        list.removeIf(d -> d.state() == state);
        return new ServiceTable(services, timeouts, list);
    }

    /** An immutable table needs no copy to be changed apart. */
    @Override
    public ServiceTable fork() {
        return this;
    }

    @Override
    public ServiceTable freeze() {
        return this;
    }
}
