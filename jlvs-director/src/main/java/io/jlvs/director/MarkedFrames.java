package io.jlvs.director;

import io.jlvs.packet.EthernetHeader;
import io.jlvs.packet.NetworkBytes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Turns a marked IP packet into a frame for the {@link Forwarder}: copied into a buffer of its own
 * after a synthetic Ethernet header (addresses zero, the transmitter writes them; the type from the
 * IP version), so every transmitter handles it as a frame from a port. One per worker; no
 * allocation per packet.
 *
 * <pre>
 *  0                      6                      12            14
 *  +----------------------+----------------------+-------------+--------------------------+
 *  | destination (zero)   | source (zero)        | 0x0800/86DD | the IP packet            |
 *  +----------------------+----------------------+-------------+--------------------------+
 * </pre>
 */
final class MarkedFrames implements MarkedPacketSink {
    /** The largest IP packet taken (IPv4's and IPv6's without jumbograms). */
    static final int MAX_PACKET = 0xffff;
    private static final int HEADER = EthernetHeader.LENGTH;
    private static final int TYPE_OFFSET = 12;

    private final Forwarder forwarder;
    private final MemorySegment frame;

    MarkedFrames(Arena arena, Forwarder forwarder) {
        this.forwarder = forwarder;
        this.frame = arena.allocate(HEADER + MAX_PACKET, 8);
    }

    @Override
    public void onMarkedPacket(MemorySegment buffer, long offset, int length, int mark) {
        int copied = Math.min(length, MAX_PACKET);
        int version = copied > 0 ? NetworkBytes.u8(buffer, offset) >>> 4 : 0;
        // another version gets type 0, which the parser leaves as not IP
        NetworkBytes.setU16(frame, TYPE_OFFSET, version == 4 ? EthernetHeader.TYPE_IPV4
                : version == 6 ? EthernetHeader.TYPE_IPV6 : 0);
        MemorySegment.copy(buffer, offset, frame, HEADER, copied);
        forwarder.onMarkedFrame(frame, 0, HEADER + copied, mark);
    }
}
