package io.jlvs.core.stats;

import io.jlvs.core.model.TrafficRates;

/**
 * The kernel's IPVS rate estimator (ip_vs_est.c) for one set of counters: every 2-second tick it
 * folds the counters' increase into an exponentially weighted moving average with weight 1/4.
 *
 * <p>Fixed point as in the kernel: connections and packets per second are kept scaled by 2^10,
 * bytes per second by 2^5. A tick's delta over 2 seconds is shifted left by 9 (resp. 4), that is
 * scaled and halved in one step; the average moves by (rate - avg) &gt;&gt; 2, an arithmetic shift
 * that rounds towards minus infinity. Reading rounds to nearest ((avg + 0x1FF) &gt;&gt; 10,
 * (avg + 0xF) &gt;&gt; 5), as ip_vs_read_estimator.
 */
public final class RateEstimator {
    /** The estimator's period: the kernel estimates every 2 seconds. */
    public static final long TICK_NANOS = 2_000_000_000L;

    private long lastConns;
    private long lastInPackets;
    private long lastOutPackets;
    private long lastInBytes;
    private long lastOutBytes;
    private long cps;
    private long inPps;
    private long outPps;
    private long inBps;
    private long outBps;

    /** One 2-second tick over the counters' running totals (ip_vs_chain_estimation). */
    public void tick(long conns, long inPackets, long outPackets, long inBytes, long outBytes) {
        cps += (((conns - lastConns) << 9) - cps) >> 2;
        lastConns = conns;
        inPps += (((inPackets - lastInPackets) << 9) - inPps) >> 2;
        lastInPackets = inPackets;
        outPps += (((outPackets - lastOutPackets) << 9) - outPps) >> 2;
        lastOutPackets = outPackets;
        inBps += (((inBytes - lastInBytes) << 4) - inBps) >> 2;
        lastInBytes = inBytes;
        outBps += (((outBytes - lastOutBytes) << 4) - outBps) >> 2;
        lastOutBytes = outBytes;
    }

    /** Restarts from the given totals with zero rates (ip_vs_zero_estimator). */
    public void zero(long conns, long inPackets, long outPackets, long inBytes, long outBytes) {
        lastConns = conns;
        lastInPackets = inPackets;
        lastOutPackets = outPackets;
        lastInBytes = inBytes;
        lastOutBytes = outBytes;
        cps = inPps = outPps = inBps = outBps = 0;
    }

    /** The decoded rates per second (ip_vs_read_estimator). */
    public TrafficRates rates() {
        return new TrafficRates((cps + 0x1FF) >> 10, (inPps + 0x1FF) >> 10, (outPps + 0x1FF) >> 10,
                (inBps + 0xF) >> 5, (outBps + 0xF) >> 5);
    }

    /** The raw connections-per-second average, scaled by 2^10 (the kernel's est->cps). */
    public long scaledCps() {
        return cps;
    }

    /** The raw incoming packets-per-second average, scaled by 2^10. */
    public long scaledInPps() {
        return inPps;
    }

    /** The raw outgoing packets-per-second average, scaled by 2^10. */
    public long scaledOutPps() {
        return outPps;
    }

    /** The raw incoming bytes-per-second average, scaled by 2^5. */
    public long scaledInBps() {
        return inBps;
    }

    /** The raw outgoing bytes-per-second average, scaled by 2^5. */
    public long scaledOutBps() {
        return outBps;
    }
}
