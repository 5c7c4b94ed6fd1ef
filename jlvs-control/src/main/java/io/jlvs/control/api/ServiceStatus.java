package io.jlvs.control.api;

import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

import java.util.List;

/** One virtual service as listed: configuration, counters and destinations (newest first). */
public record ServiceStatus(ServiceSpec spec, TrafficStats stats, TrafficRates rates,
                            List<DestinationStatus> destinations) {
    public ServiceStatus {
        destinations = List.copyOf(destinations);
    }
}
