package io.jlvs.director;

import io.jlvs.packet.EthernetHeader;
import io.jlvs.packet.Ipv4Header;
import io.jlvs.packet.Ipv6Header;
import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.PacketPort;

import java.lang.foreign.MemorySegment;

/**
 * How a worker sends a rewritten frame toward an IP address: the next hop from its
 * {@link NextHopTable} (asked for when missing, the frame held in {@link PendingFrames} meanwhile),
 * then the frame copied into the right port's transmit ring with the Ethernet addresses set (the
 * port's own as source, the next hop's as destination). A tunnel's outer source address, which is
 * known only with the next hop, is filled in here too ({@link #FILL_OUTER_SOURCE}).
 * The worker's thread only; nothing allocates.
 */
final class Egress {
    /** Nothing to fill in. */
    static final int NO_FIXUP = 0;
    /** Write the director's address toward the next hop as the outer IP header's source. */
    static final int FILL_OUTER_SOURCE = 1;

    /** What a frame is, for the counters once it has left: a request for a real server. */
    static final int TO_REAL_SERVER = 0;
    /** A reply for a client. */
    static final int TO_CLIENT = 1;
    /** An ICMP error the director made. */
    static final int ICMP_ERROR = 2;

    private final InterfacePort[] ports;
    private final NextHopTable nextHops;
    private final PendingFrames pending;
    private final NextHopRequests requests;
    private final ForwardingCounters counters;
    private final EthernetHeader ethernet = new EthernetHeader();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();

    Egress(InterfacePort[] ports, NextHopTable nextHops, PendingFrames pending, NextHopRequests requests,
           ForwardingCounters counters) {
        this.ports = ports;
        this.nextHops = nextHops;
        this.pending = pending;
        this.requests = requests;
        this.counters = counters;
    }

    /** Sends the current frame, rewritten in place, toward an address of the frame's family. */
    void send(CurrentFrame frame, int kind, int w0, int w1, int w2, int w3) {
        send(frame.segment, frame.offset, frame.frameLengthWithoutPadding(), frame.offload, frame.l2Length(),
                NO_FIXUP, kind, frame.family(), w0, w1, w2, w3, frame.now);
    }

    /**
     * Sends the frame [offset, offset + length) of buffer toward an address (family 4 or 6, four
     * words), or holds it until the next hop resolves, or drops it; either way it is counted once,
     * as what it is (kind) when it leaves, or by the reason it was dropped.
     *
     * @param l2Length where the IP header starts in the frame
     * @param fixup    {@link #NO_FIXUP} or {@link #FILL_OUTER_SOURCE}
     * @param kind     {@link #TO_REAL_SERVER}, {@link #TO_CLIENT} or {@link #ICMP_ERROR}
     */
    void send(MemorySegment buffer, long offset, int length, FrameOffload offload, int l2Length, int fixup, int kind,
              int family, int w0, int w1, int w2, int w3, long nowNanos) {
        int entry = nextHops.find(family, w0, w1, w2, w3);
        if (entry == NextHopTable.NONE) {
            entry = nextHops.addPending(family, w0, w1, w2, w3, nowNanos);
            if (entry == NextHopTable.NONE) {
                dropped(kind, DropReason.NO_ROUTE);
                return;
            }
            requests.request(entry, family, w0, w1, w2, w3);
            hold(buffer, offset, length, offload, l2Length, fixup, kind, entry, nowNanos);
            return;
        }
        switch (nextHops.state(entry)) {
            case NextHopTable.RESOLVED -> {
                if (nextHops.due(entry, nowNanos)) {
                    nextHops.asked(entry, nowNanos);
                    requests.request(entry, family, w0, w1, w2, w3);
                }
                transmit(entry, buffer, offset, length, offload, l2Length, fixup, kind);
            }
            case NextHopTable.PENDING -> hold(buffer, offset, length, offload, l2Length, fixup, kind, entry, nowNanos);
            default -> {
                if (!nextHops.due(entry, nowNanos)) {
                    dropped(kind, DropReason.NO_ROUTE);
                    return;
                }
                nextHops.asked(entry, nowNanos);
                requests.request(entry, family, w0, w1, w2, w3);
                hold(buffer, offset, length, offload, l2Length, fixup, kind, entry, nowNanos);
            }
        }
    }

    private void hold(MemorySegment buffer, long offset, int length, FrameOffload offload, int l2Length, int fixup,
                      int kind, int entry, long nowNanos) {
        if (!pending.hold(buffer, offset, length, offload, l2Length, fixup, kind, entry, nowNanos)) {
            dropped(kind, DropReason.NEXT_HOP_QUEUE_FULL);
        }
    }

    private void transmit(int entry, MemorySegment buffer, long offset, int length, FrameOffload offload,
                          int l2Length, int fixup, int kind) {
        InterfacePort out = ports[nextHops.port(entry)];
        PacketPort port = out.port();
        long at = port.claim(length);
        if (at < 0) {
            // The ring is full of this batch's frames: send them, then there is room again.
            port.flush();
            at = port.claim(length);
        }
        if (at < 0) {
            dropped(kind, DropReason.TRANSMIT_RING_FULL);
            return;
        }
        MemorySegment ring = port.transmitBuffer();
        MemorySegment.copy(buffer, offset, ring, at, length);
        ethernet.wrap(ring, at).destination(nextHops.mac(entry)).source(out.mac());
        if (fixup == FILL_OUTER_SOURCE) {
            fillOuterSource(entry, ring, at + l2Length);
        }
        port.commit(at, length, offload);
        switch (kind) {
            case TO_REAL_SERVER -> counters.toRealServers++;
            case TO_CLIENT -> counters.toClients++;
            default -> counters.icmpSent++;
        }
    }

    private void fillOuterSource(int entry, MemorySegment ring, long ipOffset) {
        if (nextHops.family(entry) == 4) {
            ipv4.wrap(ring, ipOffset).source(nextHops.sourceWord(entry, 0)).checksum(0).updateChecksum();
        } else {
            ipv6.wrap(ring, ipOffset).source(nextHops.sourceWord(entry, 0), nextHops.sourceWord(entry, 1),
                    nextHops.sourceWord(entry, 2), nextHops.sourceWord(entry, 3));
        }
    }

    /**
     * A resolution came back: records it and sends (or, on failure, drops) the frames waiting for it.
     *
     * @param interfaceIndex the interface to send by, or NextHopTable.NONE for a failure
     */
    void resolved(int entry, int interfaceIndex, long mac, int[] source, long nowNanos) {
        int portIndex = NextHopTable.NONE;
        for (int p = 0; p < ports.length; p++) {
            if (ports[p].interfaceIndex() == interfaceIndex) {
                portIndex = p;
            }
        }
        nextHops.resolved(entry, portIndex, mac, source, nowNanos);
        for (int i = 0; i < PendingFrames.SLOTS && pending.size() > 0; i++) {
            if (!pending.waitsFor(i, entry)) {
                continue;
            }
            if (portIndex == NextHopTable.NONE) {
                dropped(pending.kind(i), DropReason.NO_ROUTE);
            } else {
                transmit(entry, pending.buffer(), pending.offset(i), pending.length(i), pending.offload(i),
                        pending.l2Length(i), pending.fixup(i), pending.kind(i));
            }
            pending.release(i);
        }
    }

    /**
     * Counts a frame that could not leave: a received frame by the reason, an ICMP error the
     * director made as unsent (the frame it answered is already counted).
     */
    private void dropped(int kind, int reason) {
        if (kind == ICMP_ERROR) {
            counters.icmpUnsent++;
        } else {
            counters.drop(reason);
        }
    }

    /** The smallest MTU of the ports (a tunnel's outer packet must fit whichever it leaves by). */
    int smallestMtu() {
        int mtu = Integer.MAX_VALUE;
        for (InterfacePort port : ports) {
            mtu = Math.min(mtu, port.port().mtu());
        }
        return mtu;
    }

    /** Drops the frames that have waited too long for their next hop. */
    void expirePending(long nowNanos) {
        long deadline = nowNanos - PendingFrames.MAX_WAIT_NANOS;
        for (int i = 0; i < PendingFrames.SLOTS && pending.size() > 0; i++) {
            if (pending.waitedSince(i, deadline)) {
                dropped(pending.kind(i), DropReason.NEXT_HOP_UNRESOLVED);
                pending.release(i);
            }
        }
    }

}
