package io.jlvs.core.model;

/** Cumulative counters of a service or real server, as ipvsadm --stats lists them. */
public record TrafficStats(long conns, long inPackets, long outPackets, long inBytes, long outBytes) {
    public static final TrafficStats ZERO = new TrafficStats(0, 0, 0, 0, 0);
}
