package io.jlvs.core.engine;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceSpec;

import java.util.List;
import java.util.Objects;

/**
 * One virtual service as a whole, for loading a table in one command: its configuration and its
 * real servers newest first (the kernel's list order, and ipvsadm -L's).
 */
public record ServiceConfig(ServiceSpec spec, List<DestinationSpec> destinations) {
    public ServiceConfig {
        Objects.requireNonNull(spec, "spec");
        destinations = List.copyOf(destinations);
    }
}
