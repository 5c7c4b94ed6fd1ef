package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionSnapshot;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.Timeouts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@link ProxyEngine#query} may read: the engine's state seen from its own loop, only as
 * copies (the table as a {@link TableSnapshot}, entries as {@link ConnectionSnapshot}s, counters as
 * numbers). Valid only during the query; never keep the view.
 */
public final class EngineView {
    private final ProxyCore core;
    private final Listeners listeners;

    EngineView(ProxyCore core, Listeners listeners) {
        this.core = core;
        this.listeners = listeners;
    }

    /** The services with their real servers' counts and counters, copied. */
    public TableSnapshot snapshot() {
        return core.engine.snapshot();
    }

    /**
     * Every connection entry and persistence template, as ipvsadm -Lc lists them, copied in this
     * one loop task (tests and diagnostics; listings page through {@link ProxyEngine#copyConnections}).
     */
    public List<ConnectionSnapshot> connections() {
        List<ConnectionSnapshot> entries = new ArrayList<>();
        core.table.forEach(core.now(), entries::add);
        return entries;
    }

    /** The number of live entries, templates included. */
    public int connectionEntries() {
        return core.engine.connectionEntries();
    }

    /** Connect attempts to real servers that failed (each retry that fails counts too). */
    public long connectFailures() {
        return core.connectFailures;
    }

    /** Clients reset because no real server could be scheduled or connected. */
    public long clientResets() {
        return core.clientResets;
    }

    /** New TCP clients reset because their sockets would have taken the engine past its descriptor budget. */
    public long descriptorLimitResets() {
        return core.descriptors.refusedClients();
    }

    /** Datagrams of new UDP clients dropped because their socket would not fit in the descriptor budget. */
    public long descriptorLimitDrops() {
        return core.descriptors.refusedDatagrams();
    }

    /** The sockets the engine holds open now: listeners, clients, sockets to real servers. */
    public int openSockets() {
        return core.descriptors.open();
    }

    /** The engine's descriptor budget ({@link ProxyOptions#maxOpenSockets()}). */
    public int maxOpenSockets() {
        return core.descriptors.maxOpenSockets();
    }

    /** New connections and datagrams the scheduler found no real server for. */
    public long unscheduled() {
        return core.unscheduled;
    }

    /** Proxied TCP connections with at least one socket open. */
    public int openTcpConnections() {
        return core.tcpSessions();
    }

    /** UDP sessions (and one-packet clients) with a socket to a real server open. */
    public int udpSessions() {
        return core.udpSessions();
    }

    /** The services a listener is bound for. */
    public Set<ServiceKey.Address> listening() {
        return listeners.bound();
    }

    /** The current --set timeouts. */
    public Timeouts timeouts() {
        return core.states.timeouts();
    }

    /** The transport the engine runs on. */
    public ProxyTransport transport() {
        return core.transport;
    }
}
