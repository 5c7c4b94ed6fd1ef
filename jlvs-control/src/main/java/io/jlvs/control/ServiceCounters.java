package io.jlvs.control;

import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

/** The live numbers of one virtual service, as an engine reports them. */
public record ServiceCounters(TrafficStats stats, TrafficRates rates) {
    public static final ServiceCounters ZERO = new ServiceCounters(TrafficStats.ZERO, TrafficRates.ZERO);
}
