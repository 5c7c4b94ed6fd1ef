package io.jlvs.core.engine;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An engine's service table copied out at one instant, read-only: every service with its
 * configuration, counters and rates, its real servers newest first with their connection counts,
 * and the timeouts. What listings read and what tests compare with the control plane's table.
 */
public final class TableSnapshot {
    private final List<Service> services;
    private final Timeouts timeouts;
    /** The services by key, so a listing of 10,000 services looks each up in O(1). */
    private final Map<ServiceKey, Service> byKey;

    public TableSnapshot(List<Service> services, Timeouts timeouts) {
        this.services = List.copyOf(services);
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.byKey = new HashMap<>(services.size() * 2);
        for (Service service : this.services) {
            byKey.put(service.spec().key(), service);
        }
    }

    /** The services, in the order they were added. */
    public List<Service> services() {
        return services;
    }

    /** The --set timeouts in force. */
    public Timeouts timeouts() {
        return timeouts;
    }

    /** The service with this key, or null. */
    public Service service(ServiceKey key) {
        return byKey.get(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableSnapshot that && services.equals(that.services) && timeouts.equals(that.timeouts);
    }

    @Override
    public int hashCode() {
        return 31 * services.hashCode() + timeouts.hashCode();
    }

    @Override
    public String toString() {
        return "TableSnapshot[services=" + services + ", timeouts=" + timeouts + "]";
    }

    /** The configuration alone: each service's spec, real servers and local addresses, as a table would load it. */
    public List<ServiceConfig> configs() {
        return services.stream().map(s -> new ServiceConfig(s.spec(),
                s.destinations().stream().map(Destination::spec).toList(),
                s.localAddresses().stream().map(LocalAddress::address).toList())).toList();
    }

    /**
     * One virtual service: configuration, counters, rates, real servers (newest first) and FULLNAT
     * local addresses (in the order added).
     */
    public record Service(ServiceSpec spec, TrafficStats stats, TrafficRates rates, List<Destination> destinations,
                          List<LocalAddress> localAddresses) {
        public Service {
            destinations = List.copyOf(destinations);
            localAddresses = List.copyOf(localAddresses);
        }

        /** The local address equal to this one, or null. */
        public LocalAddress localAddress(InetAddress address) {
            for (LocalAddress local : localAddresses) {
                if (local.address().equals(address)) {
                    return local;
                }
            }
            return null;
        }

        /** The real server at address:port, or null. */
        public Destination destination(InetAddress address, int port) {
            for (Destination destination : destinations) {
                if (destination.spec().sameServer(address, port)) {
                    return destination;
                }
            }
            return null;
        }
    }

    /** One real server: configuration, ActiveConn, InActConn, PersistConn, counters and rates. */
    public record Destination(DestinationSpec spec, int activeConns, int inactConns, int persistConns,
                              TrafficStats stats, TrafficRates rates) {
    }

    /** One FULLNAT local address: the connections holding it and the source-port conflicts met on it. */
    public record LocalAddress(InetAddress address, int connections, long conflicts) {
    }
}
