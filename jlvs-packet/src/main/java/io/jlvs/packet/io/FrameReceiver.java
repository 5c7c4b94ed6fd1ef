package io.jlvs.packet.io;

import java.lang.foreign.MemorySegment;

/**
 * Takes received frames from a {@link PacketPort}, one call per frame, with no object per frame:
 * the frame is the bytes [offset, offset + length) of buffer (for AF_PACKET, the mapped receive
 * ring). The receiver may rewrite the frame in place; buffer, offset and offload are valid only
 * during the call.
 */
public interface FrameReceiver {

    /**
     * One frame as it was on the wire, from the Ethernet destination address on (an 802.1Q tag
     * the kernel stripped is put back by the port).
     *
     * @param offload what the kernel left unfinished (partial checksum, GSO); plain for most frames
     */
    void onFrame(MemorySegment buffer, long offset, int length, FrameOffload offload);
}
