package io.jlvs.control;

import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.util.List;
import java.util.Optional;

/**
 * What the kernel rules read and change: the immutable {@link ServiceTable} (each change a new
 * table) or a {@link TableDraft} that a Batch changes in place, so that ipvsadm -R of 100,000 lines
 * costs linear, not quadratic, time. The rules check everything before they change anything, so a
 * refused command leaves either form untouched.
 */
sealed interface TableState permits ServiceTable, TableDraft {

    Optional<ServiceEntry> find(ServiceKey key);

    /** The service with this key, or null: the rules' lookup, which allocates nothing. */
    ServiceEntry serviceOrNull(ServiceKey key);

    Optional<SyncDaemonSpec> daemon(SyncDaemonSpec.State state);

    List<ServiceEntry> services();

    List<SyncDaemonSpec> daemons();

    Timeouts timeouts();

    TableState withServiceAdded(ServiceEntry entry);

    /** This state with the service of the entry's key replaced by it, in its place. */
    TableState withServiceReplaced(ServiceEntry entry);

    TableState withServiceRemoved(ServiceKey key);

    TableState withoutServices();

    TableState withTimeouts(Timeouts newTimeouts);

    TableState withDaemonStarted(SyncDaemonSpec daemon);

    TableState withDaemonStopped(SyncDaemonSpec.State state);

    /** A state that can be changed without changing this one (an all-or-nothing nested batch). */
    TableState fork();

    /** The immutable table this state stands for. */
    ServiceTable freeze();
}
