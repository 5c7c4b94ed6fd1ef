package io.jlvs.core.stats;

import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

/**
 * The statistics of one virtual service or real server (the kernel's struct ip_vs_stats):
 * running totals as primitive fields, the zero point ipvsadm -Z sets, and the rate estimator.
 * Counting allocates nothing; snapshots for the control plane do.
 */
public final class TrafficCounters {
    private long conns;
    private long inPackets;
    private long outPackets;
    private long inBytes;
    private long outBytes;
    private long zeroConns;
    private long zeroInPackets;
    private long zeroOutPackets;
    private long zeroInBytes;
    private long zeroOutBytes;
    private final RateEstimator estimator = new RateEstimator();

    /** A new connection was scheduled (ip_vs_conn_stats). */
    public void countConnection() {
        conns++;
    }

    /** A packet travelled client to server (ip_vs_in_stats). */
    public void countIn(long bytes) {
        inPackets++;
        inBytes += bytes;
    }

    /** A packet travelled server to client (ip_vs_out_stats). */
    public void countOut(long bytes) {
        outPackets++;
        outBytes += bytes;
    }

    /** One 2-second estimator tick over the running totals. */
    public void estimate() {
        estimator.tick(conns, inPackets, outPackets, inBytes, outBytes);
    }

    /** ipvsadm -Z: counters restart from zero and rates are zeroed (ip_vs_zero_stats). */
    public void zero() {
        zeroConns = conns;
        zeroInPackets = inPackets;
        zeroOutPackets = outPackets;
        zeroInBytes = inBytes;
        zeroOutBytes = outBytes;
        estimator.zero(conns, inPackets, outPackets, inBytes, outBytes);
    }

    /** The counters since the last zeroing, as ipvsadm --stats shows them. */
    public TrafficStats snapshot() {
        return new TrafficStats(conns - zeroConns, inPackets - zeroInPackets, outPackets - zeroOutPackets,
                inBytes - zeroInBytes, outBytes - zeroOutBytes);
    }

    /** The estimated rates, as ipvsadm --rate shows them. */
    public TrafficRates rates() {
        return estimator.rates();
    }

    /** The estimator, for its raw scaled averages. */
    public RateEstimator estimator() {
        return estimator;
    }
}
