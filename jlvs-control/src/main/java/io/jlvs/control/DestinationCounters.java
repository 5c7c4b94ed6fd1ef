package io.jlvs.control;

import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

/** The live numbers of one real server, as an engine reports them (ActiveConn, InActConn, persistent templates). */
public record DestinationCounters(int activeConns, int inactConns, int persistConns, TrafficStats stats,
                                  TrafficRates rates) {
    public static final DestinationCounters ZERO = new DestinationCounters(0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO);
}
