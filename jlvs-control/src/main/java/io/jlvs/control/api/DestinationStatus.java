package io.jlvs.control.api;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

/** One real server as listed: configuration, connection counts, counters and rates. */
public record DestinationStatus(DestinationSpec spec, int activeConns, int inactConns, int persistConns,
                                TrafficStats stats, TrafficRates rates) {
}
