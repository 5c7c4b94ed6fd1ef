package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionSnapshot;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.service.VirtualServiceTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a {@link ProxyEngine#query} may read: the engine's state, seen from its own loop. Valid only
 * during the query; copy out what is needed (counters, snapshots), never keep the view or the
 * table.
 */
public final class EngineView {
    private final EngineCore core;
    private final Listeners listeners;

    EngineView(EngineCore core, Listeners listeners) {
        this.core = core;
        this.listeners = listeners;
    }

    /** The run-time services, with their real servers' counts and counters (read-only use). */
    public VirtualServiceTable services() {
        return core.services;
    }

    /** Visits every connection entry and persistence template, as ipvsadm -Lc lists them. */
    public void forEachConnection(Consumer<ConnectionSnapshot> visitor) {
        core.table.forEach(core.now(), visitor);
    }

    /** Every connection entry and persistence template. */
    public List<ConnectionSnapshot> connections() {
        List<ConnectionSnapshot> entries = new ArrayList<>();
        forEachConnection(entries::add);
        return entries;
    }

    /** The number of live entries, templates included. */
    public int connectionEntries() {
        return core.table.size();
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
