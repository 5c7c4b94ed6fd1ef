package io.jlvs.director;

import java.lang.foreign.MemorySegment;

/** Takes a marked IP packet from a {@link MarkedPacketSource}, during the call only. */
@FunctionalInterface
public interface MarkedPacketSink {

    /**
     * @param buffer where the packet is, valid during the call only
     * @param offset where the IP header starts (no link-layer header before it)
     * @param length the packet's bytes
     * @param mark   its firewall mark
     */
    void onMarkedPacket(MemorySegment buffer, long offset, int length, int mark);
}
