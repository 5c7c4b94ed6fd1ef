package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The only thing that changes the virtual-service table. It checks each command against the
 * current table as the kernel's ip_vs_ctl.c does, refuses it with the message ipvsadm would
 * print (changing nothing), or applies it, persists the new table and publishes it to the
 * listeners. Queries read the current snapshot plus what the engines report.
 */
public final class ServiceManager {
    /** What ipvsadm -L prints as the connection table size: 1 << IP_VS_CONN_TAB_BITS (12). */
    public static final int CONNECTION_TABLE_SIZE = 4096;

    private final HostFacts host;
    private final TableStore store;
    private final List<ServiceTableListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ServiceTable table;
    private volatile TrafficSource traffic = TrafficSource.NONE;
    /** Whether a client was told that -g/-i real servers are proxied: once per jlvsd run. */
    private final AtomicBoolean proxyNoticeGiven = new AtomicBoolean();

    /** An in-memory table on this host, starting empty. */
    public ServiceManager() {
        this(ServiceTable.EMPTY, HostFacts.system(), TableStore.NONE);
    }

    /**
     * A manager that starts from a restored table and saves to a store.
     *
     * @param initial the table to start with (restored from the state file, or EMPTY)
     * @param host    what the host has: schedulers, engines, interfaces
     * @param store   where every change is persisted before it is published
     */
    public ServiceManager(ServiceTable initial, HostFacts host, TableStore store) {
        this.table = Objects.requireNonNull(initial, "initial");
        this.host = Objects.requireNonNull(host, "host");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The current snapshot. */
    public ServiceTable table() {
        return table;
    }

    /** Registers a listener for every change from now on. */
    public void addListener(ServiceTableListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ServiceTableListener listener) {
        listeners.remove(listener);
    }

    /** Sets where counters, rates and connection entries come from (an engine). */
    public void trafficSource(TrafficSource source) {
        traffic = Objects.requireNonNull(source, "source");
    }

    /**
     * Handles one request. A command is applied whole or refused whole, except a Batch, which
     * applies its members in order and stops at the first refused one (the ones before it stay
     * applied, as with ipvsadm -R).
     *
     * @throws UncheckedIOException when the changed table cannot be persisted; the change is
     *                              then not applied and not published
     */
    public synchronized Reply handle(Request request) {
        return switch (request) {
            case Command command -> execute(command);
            case Query query -> answer(query);
        };
    }

    private Reply execute(Command command) {
        boolean batch = command instanceof Command.Batch;
        List<Command> members = command instanceof Command.Batch b ? b.commands() : List.of(command);
        // A batch changes a draft in place; a single command makes a new immutable table.
        TableState current = batch ? new TableDraft(table) : table;
        List<Command> applied = new ArrayList<>(members.size());
        Reply reply = new Reply.Ok();
        for (int i = 0; i < members.size(); i++) {
            Command member = members.get(i);
            KernelRules.Outcome outcome = member instanceof Command.Batch nested
                    ? nestedBatch(current, nested)
                    : KernelRules.apply(current, member, host);
            switch (outcome) {
                case KernelRules.Outcome.Applied a -> {
                    current = a.table();
                    applied.add(member);
                }
                case KernelRules.Outcome.Rejected r -> reply =
                        new Reply.Failure(LibipvsMessages.of(r.operation(), r.errno()), i);
            }
            if (reply instanceof Reply.Failure) {
                break;
            }
        }
        if (!applied.isEmpty()) {
            publish(current.freeze(), applied);
        }
        return reply;
    }

    /** A Batch inside a Batch: all of it or, on failure, none of it, so the index stays meaningful. */
    private KernelRules.Outcome nestedBatch(TableState start, Command.Batch batch) {
        TableState current = start.fork();
        for (Command member : batch.commands()) {
            KernelRules.Outcome outcome = member instanceof Command.Batch nested
                    ? nestedBatch(current, nested)
                    : KernelRules.apply(current, member, host);
            switch (outcome) {
                case KernelRules.Outcome.Applied a -> current = a.table();
                case KernelRules.Outcome.Rejected r -> {
                    return r;
                }
            }
        }
        return new KernelRules.Outcome.Applied(current);
    }

    private void publish(ServiceTable next, List<Command> applied) {
        try {
            store.save(next);
        } catch (IOException e) {
            throw new UncheckedIOException("could not persist the service table: " + e.getMessage(), e);
        }
        table = next;
        for (Command command : applied) {
            for (ServiceTableListener listener : listeners) {
                listener.tableChanged(command, next);
            }
        }
        for (ServiceTableListener listener : listeners) {
            listener.requestApplied();
        }
    }

    private Reply answer(Query query) {
        ServiceTable snapshot = table;
        TrafficSource source = traffic;
        return switch (query) {
            case Query.GetServices q when q.key() == null -> {
                TrafficSource counters = source.counters();
                yield new Reply.Services(CONNECTION_TABLE_SIZE,
                        snapshot.kernelOrder().stream().map(s -> status(s, counters)).toList());
            }
            case Query.GetServices q -> snapshot.find(q.key())
                    .<Reply>map(s -> new Reply.Services(CONNECTION_TABLE_SIZE, List.of(status(s, source.counters()))))
                    .orElseGet(() -> new Reply.Failure(
                            LibipvsMessages.of(LibipvsOperation.GET_SERVICE, KernelErrno.ESRCH), 0));
            case Query.GetConnections q -> new Reply.Connections(source.connections());
            case Query.GetTimeouts q -> new Reply.CurrentTimeouts(snapshot.timeouts());
            case Query.GetDaemons q -> new Reply.Daemons(snapshot.daemons());
            case Query.GetDataPlane q -> new Reply.DataPlane(source.dataPlane());
            case Query.ClaimProxyNotice q -> new Reply.ProxyNotice(
                    source.dataPlane().equals("proxy") && proxyNoticeGiven.compareAndSet(false, true));
        };
    }

    private static ServiceStatus status(ServiceEntry entry, TrafficSource source) {
        ServiceKey key = entry.key();
        ServiceCounters counters = source.service(key);
        List<DestinationStatus> destinations = new ArrayList<>(entry.destinations().size());
        for (DestinationSpec d : entry.destinations()) {
            DestinationCounters c = source.destination(key, d.address(), d.port());
            destinations.add(new DestinationStatus(d, c.activeConns(), c.inactConns(), c.persistConns(),
                    c.stats(), c.rates()));
        }
        return new ServiceStatus(entry.spec(), counters.stats(), counters.rates(), destinations);
    }
}
