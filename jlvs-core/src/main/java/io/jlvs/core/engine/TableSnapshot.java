package io.jlvs.core.engine;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * An engine's service table copied out at one instant, read-only: every service with its
 * configuration, counters and rates, its real servers newest first with their connection counts,
 * and the timeouts. What listings read and what tests compare with the control plane's table.
 */
public record TableSnapshot(List<Service> services, Timeouts timeouts) {

    public TableSnapshot {
        services = List.copyOf(services);
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** The service with this key, or null. */
    public Service service(ServiceKey key) {
        for (Service service : services) {
            if (service.spec().key().equals(key)) {
                return service;
            }
        }
        return null;
    }

    /** The configuration alone: each service's spec and real servers, as a table would load it. */
    public List<ServiceConfig> configs() {
        return services.stream().map(s -> new ServiceConfig(s.spec(),
                s.destinations().stream().map(Destination::spec).toList())).toList();
    }

    /** One virtual service: configuration, counters, rates and real servers (newest first). */
    public record Service(ServiceSpec spec, TrafficStats stats, TrafficRates rates, List<Destination> destinations) {
        public Service {
            destinations = List.copyOf(destinations);
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
}
