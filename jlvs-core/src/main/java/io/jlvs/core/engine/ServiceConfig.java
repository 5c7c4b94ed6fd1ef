package io.jlvs.core.engine;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceSpec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One virtual service as a whole, for loading a table in one command: its configuration, its
 * real servers newest first (the kernel's list order, and ipvsadm -L's) and its FULLNAT local
 * addresses in the order they were added.
 */
public record ServiceConfig(ServiceSpec spec, List<DestinationSpec> destinations, List<InetAddress> localAddresses) {
    public ServiceConfig {
        Objects.requireNonNull(spec, "spec");
        destinations = List.copyOf(destinations);
        localAddresses = List.copyOf(localAddresses);
    }

    /** A service without local addresses. */
    public ServiceConfig(ServiceSpec spec, List<DestinationSpec> destinations) {
        this(spec, destinations, List.of());
    }
}
