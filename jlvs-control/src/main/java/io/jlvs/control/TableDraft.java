package io.jlvs.control;

import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * A service table under change by one Batch: a mutable, insertion-ordered copy whose lookups and
 * changes cost O(1), frozen into a {@link ServiceTable} when the batch ends. Confined to the
 * ServiceManager's lock.
 */
final class TableDraft implements TableState {
    private final LinkedHashMap<ServiceKey, ServiceEntry> services = new LinkedHashMap<>();
    private Timeouts timeouts;
    private final List<SyncDaemonSpec> daemons;

    TableDraft(ServiceTable table) {
        this(table.services(), table.timeouts(), table.daemons());
    }

    private TableDraft(Iterable<ServiceEntry> entries, Timeouts timeouts, List<SyncDaemonSpec> daemons) {
        for (ServiceEntry entry : entries) {
            services.put(entry.key(), entry);
        }
        this.timeouts = timeouts;
        this.daemons = new ArrayList<>(daemons);
    }

    @Override
    public Optional<ServiceEntry> find(ServiceKey key) {
        return Optional.ofNullable(services.get(key));
    }

    @Override
    public ServiceEntry serviceOrNull(ServiceKey key) {
        return services.get(key);
    }

    @Override
    public Optional<SyncDaemonSpec> daemon(SyncDaemonSpec.State state) {
        return daemons.stream().filter(d -> d.state() == state).findFirst();
    }

    @Override
    public List<ServiceEntry> services() {
        return List.copyOf(services.values());
    }

    @Override
    public List<SyncDaemonSpec> daemons() {
        // the rules ask for every real server whether a daemon runs: no copy of an empty list
        return daemons.isEmpty() ? List.of() : List.copyOf(daemons);
    }

    @Override
    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public TableDraft withServiceAdded(ServiceEntry entry) {
        services.put(entry.key(), entry);
        return this;
    }

    @Override
    public TableDraft withServiceReplaced(ServiceEntry entry) {
        // replace keeps the key's place in the insertion order
        services.replace(entry.key(), entry);
        return this;
    }

    @Override
    public TableDraft withServiceRemoved(ServiceKey key) {
        services.remove(key);
        return this;
    }

    @Override
    public TableDraft withoutServices() {
        services.clear();
        return this;
    }

    @Override
    public TableDraft withTimeouts(Timeouts newTimeouts) {
        timeouts = newTimeouts;
        return this;
    }

    @Override
    public TableDraft withDaemonStarted(SyncDaemonSpec daemon) {
        daemons.add(daemon);
        return this;
    }

    @Override
    public TableDraft withDaemonStopped(SyncDaemonSpec.State state) {
        daemons.removeIf(d -> d.state() == state);
        return this;
    }

    @Override
    public TableDraft fork() {
        return new TableDraft(services.values(), timeouts, daemons);
    }

    @Override
    public ServiceTable freeze() {
        return new ServiceTable(new ArrayList<>(services.values()), timeouts, daemons);
    }
}
