package io.jlvs.core.engine;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A change to an engine's tables, as data: the control plane sends these (already validated) to
 * every engine, and {@link EngineCore#apply} handles them in one exhaustive switch. A command an
 * engine cannot carry out is refused whole with an {@link EngineRejection}.
 */
public sealed interface EngineCommand {

    /** ip_vs_add_service. */
    record AddService(ServiceSpec spec) implements EngineCommand {
        public AddService {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** ip_vs_edit_service: the key stays, everything else is replaced. */
    record EditService(ServiceSpec spec) implements EngineCommand {
        public EditService {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** ip_vs_del_service. */
    record DeleteService(ServiceKey key) implements EngineCommand {
        public DeleteService {
            Objects.requireNonNull(key, "key");
        }
    }

    /** ip_vs_flush: every service goes; the timeouts stay. */
    record Flush() implements EngineCommand {
    }

    /** ip_vs_add_dest: the real server goes to the head of the service's list. */
    record AddDestination(ServiceKey key, DestinationSpec destination) implements EngineCommand {
        public AddDestination {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** ip_vs_edit_dest: the real server keeps its place. */
    record EditDestination(ServiceKey key, DestinationSpec destination) implements EngineCommand {
        public EditDestination {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** ip_vs_del_dest. */
    record DeleteDestination(ServiceKey key, InetAddress address, int port) implements EngineCommand {
        public DeleteDestination {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Alibaba's ip_vs_add_laddr: a FULLNAT local address goes to the end of the service's list. */
    record AddLocalAddress(ServiceKey key, InetAddress address) implements EngineCommand {
        public AddLocalAddress {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Alibaba's ip_vs_del_laddr. */
    record DeleteLocalAddress(ServiceKey key, InetAddress address) implements EngineCommand {
        public DeleteLocalAddress {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(address, "address");
        }
    }

    /** ipvsadm -Z: the counters of one service (key non-null) and its real servers, or of all. */
    record Zero(ServiceKey key) implements EngineCommand {
    }

    /** The TCP, TCP FIN and UDP timeouts now in force (the values, not an update). */
    record SetTimeouts(Timeouts timeouts) implements EngineCommand {
        public SetTimeouts {
            Objects.requireNonNull(timeouts, "timeouts");
        }
    }

    /**
     * Replaces every service and the timeouts in one go: a restored table at startup, or the
     * control plane putting an engine back to a known table. Connections keep running; their
     * counters stay with the old services.
     */
    record LoadTable(List<ServiceConfig> services, Timeouts timeouts) implements EngineCommand {
        public LoadTable {
            services = List.copyOf(services);
            Objects.requireNonNull(timeouts, "timeouts");
        }
    }
}
