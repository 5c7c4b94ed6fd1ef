package io.jlvs.core.engine;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.conn.ConnectionScheduler;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.conn.DestinationRegistry;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.LocalAddress;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.core.service.VirtualServiceTable;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The IPVS state one engine owns, wired once for every data plane (the proxy engine, jlvs
 * simulate, later the packet engine): the run-time service table, the protocol state machines and
 * timeouts, the destination registry, the connection table with its scheduler, the reused
 * {@link Flow}, expiry and the estimator tick. Changed only through {@link #apply} with
 * {@link EngineCommand}s; read by queries only through copies ({@link #snapshot()},
 * {@link #copyConnections}). Owned by one thread; time comes from the injected {@link EngineClock}.
 */
public final class EngineCore {
    /** Estimator runs per tick: 16 ticks of 125 ms are the kernel's 2-second period. */
    public static final int TICKS_PER_ESTIMATE = (int) (2_000_000_000L / ConnectionTable.TICK_NANOS);

    private final EngineClock clock;
    private final VirtualServiceTable services;
    private final ProtocolStates states = new ProtocolStates();
    private final DestinationRegistry registry = new DestinationRegistry();
    private final ConnectionTable table;
    private final ConnectionScheduler scheduler;
    /** Reused for every new connection's addressing; the owner thread is the only user. */
    private final Flow flow = new Flow();
    private int ticks;

    /**
     * @param context         what schedulers draw on (their random source)
     * @param options         expire_nodest_conn and expire_quiescent_template
     * @param initialCapacity the connection table's slots at the start
     * @param maxCapacity     the most connection entries (it grows, doubling, up to this)
     * @param clock           the engine's only time source
     */
    public EngineCore(SchedulerContext context, ConnectionOptions options, int initialCapacity, int maxCapacity,
                      EngineClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.services = new VirtualServiceTable(context);
        this.table = new ConnectionTable(Math.min(initialCapacity, maxCapacity), maxCapacity, states, registry,
                options, clock.nanos());
        this.scheduler = new ConnectionScheduler(table);
    }

    // ---------------------------------------------------------------- commands

    /**
     * Carries out one command whole, or refuses it whole with nothing changed.
     *
     * @throws EngineRejection naming what the engine cannot carry out
     */
    public void apply(EngineCommand command) {
        switch (command) {
            case EngineCommand.AddService c -> {
                requireAbsent(c.spec().key());
                requireServable(c.spec());
                services.add(c.spec());
            }
            case EngineCommand.EditService c -> {
                existing(c.spec().key());
                requireServable(c.spec());
                services.edit(c.spec());
            }
            case EngineCommand.DeleteService c -> {
                existing(c.key());
                services.remove(c.key());
            }
            case EngineCommand.Flush c -> services.flush();
            case EngineCommand.AddDestination c -> {
                if (existing(c.key()).find(c.destination().address(), c.destination().port()) != null) {
                    throw new EngineRejection(describe(c.key()) + ": real server " + server(c.destination())
                            + " exists already");
                }
                services.addDestination(c.key(), c.destination());
            }
            case EngineCommand.EditDestination c -> {
                existingDestination(c.key(), c.destination().address(), c.destination().port());
                services.editDestination(c.key(), c.destination());
            }
            case EngineCommand.DeleteDestination c -> {
                existingDestination(c.key(), c.address(), c.port());
                services.removeDestination(c.key(), c.address(), c.port());
            }
            case EngineCommand.AddLocalAddress c -> {
                if (existing(c.key()).findLocalAddress(c.address()) != null) {
                    throw new EngineRejection(describe(c.key()) + ": local address " + c.address().getHostAddress()
                            + " exists already");
                }
                services.addLocalAddress(c.key(), c.address());
            }
            case EngineCommand.DeleteLocalAddress c -> {
                if (existing(c.key()).findLocalAddress(c.address()) == null) {
                    throw new EngineRejection(describe(c.key()) + ": no local address "
                            + c.address().getHostAddress());
                }
                services.removeLocalAddress(c.key(), c.address());
            }
            case EngineCommand.Zero c -> {
                if (c.key() != null) {
                    existing(c.key());
                }
                services.zero(c.key());
            }
            case EngineCommand.SetTimeouts c -> states.setTimeouts(c.timeouts());
            case EngineCommand.LoadTable c -> load(c);
        }
    }

    /** Checks the whole table first, so a table the engine cannot take changes nothing. */
    private void load(EngineCommand.LoadTable load) {
        Set<ServiceKey> keys = new HashSet<>();
        Set<Server> servers = new HashSet<>();
        for (ServiceConfig service : load.services()) {
            ServiceKey key = service.spec().key();
            if (!keys.add(key)) {
                throw new EngineRejection(describe(key) + ": the service appears twice");
            }
            requireServable(service.spec());
            servers.clear();
            for (DestinationSpec destination : service.destinations()) {
                // a record, not the text of the address: a 100,000-server table formats nothing
                if (!servers.add(new Server(destination.address(), destination.port()))) {
                    throw new EngineRejection(describe(key) + ": real server " + server(destination) + " appears twice");
                }
            }
            if (new HashSet<>(service.localAddresses()).size() != service.localAddresses().size()) {
                throw new EngineRejection(describe(key) + ": a local address appears twice");
            }
        }
        services.flush();
        for (ServiceConfig service : load.services()) {
            services.add(service.spec());
            // oldest first, so the list ends newest first as the table's
            for (DestinationSpec destination : service.destinations().reversed()) {
                services.addDestination(service.spec().key(), destination);
            }
            for (InetAddress local : service.localAddresses()) {
                services.addLocalAddress(service.spec().key(), local);
            }
        }
        states.setTimeouts(load.timeouts());
    }

    /** A real server's identity within its service, for the duplicate check of a loaded table. */
    private record Server(InetAddress address, int port) {
    }

    private void requireAbsent(ServiceKey key) {
        if (services.get(key) != null) {
            throw new EngineRejection(describe(key) + ": the service exists already");
        }
    }

    private static void requireServable(ServiceSpec spec) {
        if (!VirtualServiceTable.canBind(spec)) {
            throw new EngineRejection(describe(spec.key()) + ": unknown scheduler '" + spec.scheduler() + "'");
        }
        EngineLimits.refusal(spec).ifPresent(why -> {
            throw new EngineRejection(describe(spec.key()) + ": " + why);
        });
    }

    private VirtualService existing(ServiceKey key) {
        VirtualService service = services.get(key);
        if (service == null) {
            throw new EngineRejection(describe(key) + ": no such service");
        }
        return service;
    }

    private void existingDestination(ServiceKey key, InetAddress address, int port) {
        if (existing(key).find(address, port) == null) {
            throw new EngineRejection(describe(key) + ": no real server " + server(address, port));
        }
    }

    /** A service as a message names it: "TCP 10.0.0.1:80", "UDP [2001:db8::1]:53", "FWM 7". */
    public static String describe(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Address a -> a.protocol() + " " + server(a.address(), a.port());
            case ServiceKey.Mark m -> "FWM " + Integer.toUnsignedString(m.mark())
                    + (m.family() == AddressFamily.INET6 ? " (IPv6)" : "");
        };
    }

    private static String server(DestinationSpec destination) {
        return server(destination.address(), destination.port());
    }

    private static String server(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    // ---------------------------------------------------------------- the data plane's side

    /** The engine clock's now. */
    public long now() {
        return clock.nanos();
    }

    /** The reused flow for a new connection's addressing (the owner thread only). */
    public Flow flow() {
        return flow;
    }

    /** The connection table, for the data plane's per-packet work. */
    public ConnectionTable table() {
        return table;
    }

    /** The protocol state machines and timeouts. */
    public ProtocolStates states() {
        return states;
    }

    /** The service a new packet belongs to (ip_vs_service_find), or null. */
    public VirtualService lookup(Protocol protocol, InetAddress address, int port, int mark) {
        return services.lookup(protocol, address, port, mark);
    }

    /** The services, in the order they were added (read-only; the owner thread only). */
    public Collection<VirtualService> services() {
        return services.services();
    }

    /** The keys of every service, in the order they were added (a copy). */
    public List<ServiceKey> serviceKeys() {
        List<ServiceKey> keys = new ArrayList<>(services.services().size());
        for (VirtualService service : services.services()) {
            keys.add(service.key());
        }
        return keys;
    }

    /** Schedules a new connection (ip_vs_schedule). @return the entry's slot, or a ConnectionScheduler verdict */
    public int schedule(VirtualService service, Flow newFlow) {
        return scheduler.schedule(service, newFlow, now());
    }

    /**
     * Schedules a new connection, passing over real servers that already failed this client: they
     * are flagged OVERLOAD for the one call, which every scheduler skips as the kernel's do, and
     * restored after. A persistence template still wins, as in the kernel.
     *
     * @return the entry's slot, or a negative ConnectionScheduler verdict
     */
    public int schedule(VirtualService service, Flow newFlow, List<RealServer> passOver) {
        if (passOver.isEmpty()) {
            return schedule(service, newFlow);
        }
        boolean[] wasOverloaded = new boolean[passOver.size()];
        for (int i = 0; i < passOver.size(); i++) {
            wasOverloaded[i] = passOver.get(i).isOverloaded();
            passOver.get(i).setOverloaded(true);
        }
        try {
            return schedule(service, newFlow);
        } finally {
            for (int i = 0; i < passOver.size(); i++) {
                passOver.get(i).setOverloaded(wasOverloaded[i]);
            }
        }
    }

    /**
     * Schedules a new connection and walks it through its protocol's handshake (jlvs simulate).
     *
     * @return the chosen real server, or null
     */
    public RealServer establish(VirtualService service, Flow newFlow) {
        return scheduler.establish(service, newFlow, now());
    }

    /**
     * One timer tick: expires the entries whose time is up, and every {@link #TICKS_PER_ESTIMATE}
     * ticks runs the 2-second estimator of every service and real server and forgets unused
     * deleted servers.
     *
     * @return the time the tick ran at
     */
    public long tick() {
        long now = now();
        table.expire(now);
        if (++ticks % TICKS_PER_ESTIMATE == 0) {
            estimate();
        }
        return now;
    }

    private void estimate() {
        for (VirtualService service : services.services()) {
            service.stats().estimate();
            for (RealServer dest : service.destinations()) {
                dest.stats().estimate();
            }
            service.emptyTrash();
        }
        registry.prune();
    }

    // ---------------------------------------------------------------- copies for queries

    /** The service table, counters and timeouts, copied. */
    public TableSnapshot snapshot() {
        List<TableSnapshot.Service> copies = new ArrayList<>(services.services().size());
        for (VirtualService service : services.services()) {
            List<TableSnapshot.Destination> destinations = new ArrayList<>(service.destinationCount());
            for (RealServer dest : service.destinations()) {
                destinations.add(new TableSnapshot.Destination(dest.spec(), dest.activeConns(), dest.inactConns(),
                        dest.persistConns(), dest.stats().snapshot(), dest.stats().rates()));
            }
            List<TableSnapshot.LocalAddress> locals = new ArrayList<>(service.localAddressCount());
            for (LocalAddress local : service.localAddresses()) {
                locals.add(new TableSnapshot.LocalAddress(local.address(), local.connections(), local.conflicts()));
            }
            copies.add(new TableSnapshot.Service(service.spec(), service.stats().snapshot(), service.stats().rates(),
                    destinations, locals));
        }
        return new TableSnapshot(copies, states.timeouts());
    }

    /**
     * Copies the next page of connection entries, from slot fromSlot on (see {@link ConnectionPage}).
     *
     * @return the slot the next page starts at, or {@link ConnectionPage#END}
     */
    public int copyConnections(ConnectionPage page, int fromSlot) {
        return page.fill(table, fromSlot, now());
    }

    /** The number of live connection entries, templates included. */
    public int connectionEntries() {
        return table.size();
    }
}
