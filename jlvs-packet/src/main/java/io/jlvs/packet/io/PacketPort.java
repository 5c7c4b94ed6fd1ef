package io.jlvs.packet.io;

import java.lang.foreign.MemorySegment;

/**
 * One worker's frame I/O on one interface: receive in batches, transmit by claiming room in a
 * transmit buffer, writing the frame there and committing it, then flushing the batch. AF_PACKET
 * (jlvs-io-linux), AF_XDP and {@link MemoryPacketPort} (tests, fuzzing, simulation) implement it,
 * and the packet engine sees nothing else, so every backend passes the same behaviour tests.
 * Owned by one thread; nothing here allocates per frame.
 */
public interface PacketPort extends AutoCloseable {

    /** The interface's name (for messages and counters). */
    String name();

    /** The interface's MTU: the most bytes of an IP packet in one frame, without the Ethernet header. */
    int mtu();

    /**
     * Hands up to max received frames to receiver, each once, in arrival order, and returns how
     * many. Never blocks.
     */
    int receive(FrameReceiver receiver, int max);

    /**
     * Waits until a frame may be received or timeoutNanos passed (0: check only).
     *
     * @return true when a frame is waiting
     */
    boolean awaitFrames(long timeoutNanos);

    /** The buffer whose offsets {@link #claim} returns (for AF_PACKET, the mapped transmit ring). */
    MemorySegment transmitBuffer();

    /**
     * Room for one frame of length bytes.
     *
     * @return the offset in {@link #transmitBuffer()} to write the frame at, or -1 when the
     *         transmit ring is full or length is more than a slot holds (the caller counts the drop)
     */
    long claim(int length);

    /**
     * Queues the frame written at a claimed offset. offload says what the kernel is to finish
     * (a partial checksum, GSO); null or a plain one sends the frame as written.
     */
    void commit(long claimed, int length, FrameOffload offload);

    /** Sends every committed frame; returns how many left. */
    int flush();

    /**
     * Copies a frame into the transmit buffer and commits it.
     *
     * @return false when there was no room (nothing queued)
     */
    default boolean transmit(MemorySegment source, long offset, int length, FrameOffload offload) {
        long at = claim(length);
        if (at < 0) {
            return false;
        }
        MemorySegment.copy(source, offset, transmitBuffer(), at, length);
        commit(at, length, offload);
        return true;
    }

    /** Releases the socket and its rings. */
    @Override
    void close();
}
