package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;

import io.jlvs.core.engine.DataPlane;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineRejection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only thing that changes the virtual-service table, and the one judge of it. A command goes
 * through three steps, under a lock that only commands take:
 * <ol>
 *   <li><b>validate</b>: checked against the current table as the kernel's ip_vs_ctl.c does
 *       ({@link KernelRules}), and against what jlvs has; refused with the message ipvsadm would
 *       print, changing nothing;</li>
 *   <li><b>apply to the engine</b> (when one is attached): the accepted commands go to it as
 *       {@link EngineCommand}s and the manager waits, at most its engine timeout, until they are in
 *       effect. An engine that refuses one (a listener that cannot bind) has undone it, and the
 *       reply names why; for a Batch the members before it stay, as with ipvsadm -R;</li>
 *   <li><b>persist and publish</b>: the new table is saved, then becomes the snapshot queries
 *       read and listeners hear. When saving fails the engine is given the old table back and the
 *       request fails.</li>
 * </ol>
 * Queries never take the lock: they read the published snapshot and what the engine reports,
 * each wait bounded by the engine timeout.
 */
public final class ServiceManager {
    /** What ipvsadm -L prints as the connection table size: 1 << IP_VS_CONN_TAB_BITS (12). */
    public static final int CONNECTION_TABLE_SIZE = 4096;
    /** How long a request waits for the engine by default. */
    public static final Duration DEFAULT_ENGINE_TIMEOUT = Duration.ofSeconds(10);
    private static final long PER_COMMAND_WAIT_NANOS = 100_000L;

    private final HostFacts host;
    private final TableStore store;
    private final Object commandLock = new Object();
    private final List<ServiceTableListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ServiceTable table;
    private volatile TrafficSource traffic = TrafficSource.NONE;
    /** Whether a client was told that -g/-i real servers are proxied: once per jlvsd run. */
    private final AtomicBoolean proxyNoticeGiven = new AtomicBoolean();
    private volatile DataPlane engine;
    private volatile Duration engineTimeout = DEFAULT_ENGINE_TIMEOUT;
    /** Who turns services into a listing's text; null: listings are answered with the services. */
    private volatile ListingFormatter listingFormatter;

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

    /** Sets who formats numeric listings ({@link Query.GetListing}) into text. */
    public void formatListingsWith(ListingFormatter formatter) {
        listingFormatter = Objects.requireNonNull(formatter, "formatter");
    }

    /** Sets where counters, rates and connection entries come from (an engine). */
    public void trafficSource(TrafficSource source) {
        traffic = Objects.requireNonNull(source, "source");
    }

    /**
     * Attaches the engine that every accepted command is applied to before its reply, and that
     * listings read; first it is given the current table whole (one command, however large).
     *
     * @param commandTimeout how long a request waits for the engine
     * @param loadTimeout    how long the engine may take to load the current table
     * @throws EngineRejection            naming the table entry the engine cannot take
     * @throws EngineUnavailableException when it does not take the table in time
     */
    public void attach(DataPlane dataPlane, Duration commandTimeout, Duration loadTimeout) {
        Objects.requireNonNull(dataPlane, "dataPlane");
        synchronized (commandLock) {
            Outcome loaded = await(dataPlane, List.of(EngineCommands.load(table)), loadTimeout);
            if (loaded instanceof Outcome.Refused refused) {
                throw refused.rejection();
            } else if (loaded instanceof Outcome.Unknown unknown) {
                throw new EngineUnavailableException(unknown.message());
            }
            engineTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
            engine = dataPlane;
            traffic = new EngineTraffic(dataPlane, commandTimeout);
        }
    }

    /**
     * Handles one request. A command is applied whole or refused whole, except a Batch, which
     * applies its members in order and stops at the first refused one (the ones before it stay
     * applied, as with ipvsadm -R). Queries do not wait for commands.
     *
     * @throws UncheckedIOException when the changed table cannot be persisted; the change is
     *                              then not applied and not published
     */
    public Reply handle(Request request) {
        return switch (request) {
            case Command command -> {
                synchronized (commandLock) {
                    yield execute(command);
                }
            }
            case Query query -> answer(query);
        };
    }

    /** The members accepted by the rules, the table after them, and the refusal that stopped them. */
    private record Validation(TableState after, List<Command> applied, List<EngineCommand> engineCommands,
                              List<Integer> memberOf, Reply.Failure failure) {
    }

    private Validation validate(ServiceTable start, List<Command> members, boolean batch) {
        // A batch changes a draft in place; a single command makes a new immutable table.
        TableState current = batch ? new TableDraft(start) : start;
        List<Command> applied = new ArrayList<>(members.size());
        List<EngineCommand> engineCommands = new ArrayList<>(members.size());
        List<Integer> memberOf = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            Command member = members.get(i);
            KernelRules.Outcome outcome = member instanceof Command.Batch nested
                    ? nestedBatch(current, nested)
                    : KernelRules.apply(current, member, host);
            Reply.Failure failure = switch (outcome) {
                case KernelRules.Outcome.Applied a -> {
                    current = a.table();
                    applied.add(member);
                    EngineCommands.add(member, current, engineCommands);
                    while (memberOf.size() < engineCommands.size()) {
                        memberOf.add(i);
                    }
                    yield null;
                }
                case KernelRules.Outcome.Rejected r -> new Reply.Failure(LibipvsMessages.of(r.operation(), r.errno()), i);
                case KernelRules.Outcome.Unsupported u -> Reply.Failure.jlvs(u.message(), i);
            };
            if (failure != null) {
                return new Validation(current, applied, engineCommands, memberOf, failure);
            }
        }
        return new Validation(current, applied, engineCommands, memberOf, null);
    }

    private Reply execute(Command command) {
        boolean batch = command instanceof Command.Batch;
        List<Command> members = command instanceof Command.Batch b ? b.commands() : List.of(command);
        ServiceTable before = table;
        Validation valid = validate(before, members, batch);
        Reply reply = valid.failure() != null ? valid.failure() : new Reply.Ok();
        if (valid.applied().isEmpty()) {
            return reply;
        }
        ServiceTable next = valid.after().freeze();
        List<Command> applied = valid.applied();
        DataPlane dataPlane = engine;
        if (dataPlane != null && !valid.engineCommands().isEmpty()) {
            switch (await(dataPlane, valid.engineCommands(), engineWait(valid.engineCommands().size()))) {
                case Outcome.Done d -> { }
                case Outcome.Refused refused -> {
                    // The engine undid the refused command; the members before it stay.
                    int member = valid.memberOf().get(refused.rejection().index());
                    reply = Reply.Failure.jlvs(refused.rejection().getMessage(), batch ? member : 0);
                    if (member == 0) {
                        return reply;
                    }
                    applied = applied.subList(0, member);
                    next = validate(before, applied, true).after().freeze();
                    if (members.get(member) instanceof Command.Batch) {
                        // a nested batch may stop halfway in the engine: put it back to the table
                        await(dataPlane, List.of(EngineCommands.load(next)), engineTimeout);
                    }
                }
                case Outcome.Unknown unknown -> {
                    // Queued after the change, so the engine ends on the old table whatever it did.
                    dataPlane.apply(List.of(EngineCommands.load(before)));
                    return Reply.Failure.jlvs(unknown.message() + "; the change was not made", 0);
                }
            }
        }
        try {
            persist(next, applied);
        } catch (IOException e) {
            if (dataPlane != null) {
                await(dataPlane, List.of(EngineCommands.load(before)), engineTimeout);
            }
            throw new UncheckedIOException("could not persist the service table: " + e.getMessage(), e);
        }
        publish(next, applied);
        return reply;
    }

    /**
     * How long a list of commands may take in the engine: the engine timeout, plus 100 us per
     * command beyond the first, so a 110,000-line ipvsadm -R is not cut short on a busy host.
     */
    private Duration engineWait(int commands) {
        return engineTimeout.plusNanos(PER_COMMAND_WAIT_NANOS * Math.max(0, commands - 1));
    }

    /** Saves the request (the state file's journal); -Z, or commands that undo each other, write nothing. */
    private void persist(ServiceTable next, List<Command> applied) throws IOException {
        if (!next.equals(table)) {
            store.commit(applied, next);
        }
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
                case KernelRules.Outcome.Unsupported u -> {
                    return u;
                }
            }
        }
        return new KernelRules.Outcome.Applied(current);
    }

    private void publish(ServiceTable next, List<Command> applied) {
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

    /** How an engine took a list of commands. */
    private sealed interface Outcome {
        /** All in effect. */
        record Done() implements Outcome {
        }

        /** Refused at the rejection's index; the ones before it are in effect. */
        record Refused(EngineRejection rejection) implements Outcome {
        }

        /** No answer in time, or a failure that says nothing of what is in effect. */
        record Unknown(String message) implements Outcome {
        }
    }

    private static Outcome await(DataPlane dataPlane, List<EngineCommand> commands, Duration timeout) {
        try {
            dataPlane.apply(commands).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome.Done();
        } catch (ExecutionException e) {
            return e.getCause() instanceof EngineRejection rejection ? new Outcome.Refused(rejection)
                    : new Outcome.Unknown("the " + dataPlane.name() + " engine failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return new Outcome.Unknown("the " + dataPlane.name() + " engine did not apply the change within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unknown("interrupted while waiting for the " + dataPlane.name() + " engine");
        }
    }

    private Reply answer(Query query) {
        try {
            return read(query);
        } catch (EngineUnavailableException e) {
            return Reply.Failure.jlvs(e.getMessage(), 0);
        }
    }

    private Reply read(Query query) {
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
            case Query.GetLocalAddresses q when q.key() == null -> {
                TrafficSource counters = source.counters();
                yield new Reply.LocalAddresses(snapshot.kernelOrder().stream().map(s -> locals(s, counters)).toList());
            }
            case Query.GetLocalAddresses q -> snapshot.find(q.key())
                    .<Reply>map(s -> new Reply.LocalAddresses(List.of(locals(s, source.counters()))))
                    .orElseGet(() -> new Reply.Failure(
                            LibipvsMessages.of(LibipvsOperation.GET_SERVICE, KernelErrno.ESRCH), 0));
            case Query.GetListing q -> {
                Reply services = answer(new Query.GetServices(q.key()));
                ListingFormatter formatter = listingFormatter;
                yield formatter != null && services instanceof Reply.Services found
                        ? new Reply.Listing(formatter.format(found, q.key() != null, q.format())) : services;
            }
            case Query.GetConnections q -> new Reply.Connections(source.connections());
            case Query.GetTimeouts q -> new Reply.CurrentTimeouts(snapshot.timeouts());
            case Query.GetDaemons q -> new Reply.Daemons(snapshot.daemons());
            case Query.GetDataPlane q -> new Reply.DataPlane(source.dataPlane());
            case Query.GetEngineCounters q -> new Reply.EngineCounters(source.dataPlane(), source.engineCounters());
            case Query.ClaimProxyNotice q -> new Reply.ProxyNotice(
                    source.dataPlane().equals("proxy") && proxyNoticeGiven.compareAndSet(false, true));
        };
    }

    private static ServiceLocalAddresses locals(ServiceEntry entry, TrafficSource source) {
        List<LocalAddressStatus> locals = new ArrayList<>(entry.localAddresses().size());
        for (InetAddress address : entry.localAddresses()) {
            locals.add(source.localAddress(entry.key(), address));
        }
        return new ServiceLocalAddresses(entry.key(), locals);
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
