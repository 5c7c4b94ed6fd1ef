package io.jlvs.core.model;

/** Estimated rates of a service or real server per second, as ipvsadm --rate lists them. */
public record TrafficRates(long connsPerSecond, long inPacketsPerSecond, long outPacketsPerSecond,
                           long inBytesPerSecond, long outBytesPerSecond) {
    public static final TrafficRates ZERO = new TrafficRates(0, 0, 0, 0, 0);
}
