package io.jlvs.director;

import io.jlvs.packet.FrameVerdict;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one worker did with the frames it received: forwarded toward real servers or clients,
 * left to the kernel (not jlvsd's traffic), ICMP errors it sent, and drops by reason (a
 * {@link DropReason}, or a FrameVerdict for malformed frames). Plain fields and arrays written by
 * the worker's thread only; the control plane reads a {@link #copy()} made on that thread, and
 * copies add up across workers.
 */
public final class ForwardingCounters {
    long received;
    long toRealServers;
    long toClients;
    long passedToKernel;
    long icmpSent;
    long icmpUnsent;
    final long[] drops = new long[DropReason.COUNT];
    final long[] malformed = new long[FrameVerdict.COUNT];

    /** Counts a drop for a reason. */
    void drop(int reason) {
        drops[reason]++;
    }

    /** A copy, for the control plane. */
    public ForwardingCounters copy() {
        ForwardingCounters c = new ForwardingCounters();
        c.add(this);
        return c;
    }

    /** Adds another worker's counters to these. */
    public ForwardingCounters add(ForwardingCounters other) {
        received += other.received;
        toRealServers += other.toRealServers;
        toClients += other.toClients;
        passedToKernel += other.passedToKernel;
        icmpSent += other.icmpSent;
        icmpUnsent += other.icmpUnsent;
        for (int i = 0; i < drops.length; i++) {
            drops[i] += other.drops[i];
        }
        for (int i = 0; i < malformed.length; i++) {
            malformed[i] += other.malformed[i];
        }
        return this;
    }

    public long received() {
        return received;
    }

    public long toRealServers() {
        return toRealServers;
    }

    public long toClients() {
        return toClients;
    }

    public long passedToKernel() {
        return passedToKernel;
    }

    public long icmpSent() {
        return icmpSent;
    }

    /** ICMP errors the director made that could not be sent (no route back, ring full). */
    public long icmpUnsent() {
        return icmpUnsent;
    }

    /** Drops for a {@link DropReason}. */
    public long drops(int reason) {
        return drops[reason];
    }

    /** Malformed frames of a FrameVerdict. */
    public long malformed(int verdict) {
        return malformed[verdict];
    }

    /**
     * Every counter by name, in the order jlvs status prints them: frames received, forwarded to
     * real servers and to clients, left to the kernel, ICMP errors made, then each drop reason and
     * each malformation that happened (those at zero are left out).
     */
    public Map<String, Long> byName() {
        Map<String, Long> named = new LinkedHashMap<>();
        named.put("frames received", received);
        named.put("forwarded to real servers", toRealServers);
        named.put("forwarded to clients", toClients);
        named.put("left to the kernel", passedToKernel);
        named.put("ICMP errors sent", icmpSent);
        named.put("ICMP errors not sent", icmpUnsent);
        for (int reason = 0; reason < DropReason.COUNT; reason++) {
            if (drops[reason] != 0) {
                named.put("dropped: " + DropReason.name(reason), drops[reason]);
            }
        }
        for (int verdict = 1; verdict < FrameVerdict.COUNT; verdict++) {
            if (malformed[verdict] != 0) {
                named.put("malformed: " + FrameVerdict.name(verdict), malformed[verdict]);
            }
        }
        return named;
    }

    /** All drops, malformed frames included. */
    public long totalDrops() {
        return Arrays.stream(drops).sum() + Arrays.stream(malformed).sum();
    }
}
