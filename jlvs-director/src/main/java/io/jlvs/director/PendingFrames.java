package io.jlvs.director;

import io.jlvs.packet.io.FrameOffload;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Frames that wait for their next hop to resolve: a small bounded set of slots in one off-heap
 * buffer, each holding a copy of the frame, its offloads, what {@link Egress} must still fill in
 * and the next-hop entry it waits for, as
 * the kernel queues a few packets on an unresolved neighbour. A full set refuses (the caller drops
 * and counts); a frame waiting longer than {@link #MAX_WAIT_NANOS} is dropped by the worker ({@link #waitedSince}).
 * Owned by the worker's thread; nothing here allocates after construction.
 */
final class PendingFrames {
    /** The kernel's default unres_qlen_bytes is 64 KiB per neighbour; a few frames in all suffice. */
    static final int SLOTS = 32;
    static final int SLOT_BYTES = 65_536 + 64;
    static final long MAX_WAIT_NANOS = 3_000_000_000L;

    private final MemorySegment buffer;
    private final int[] length = new int[SLOTS];
    private final int[] entry = new int[SLOTS];
    private final long[] since = new long[SLOTS];
    private final int[] l2Length = new int[SLOTS];
    private final int[] fixup = new int[SLOTS];
    private final int[] kind = new int[SLOTS];
    private final FrameOffload[] offload = new FrameOffload[SLOTS];
    private int used;

    PendingFrames(Arena arena) {
        this.buffer = arena.allocate((long) SLOTS * SLOT_BYTES);
        for (int i = 0; i < SLOTS; i++) {
            offload[i] = new FrameOffload();
            entry[i] = NextHopTable.NONE;
        }
    }

    /**
     * Keeps a copy of a frame until next-hop entry nextHop resolves.
     *
     * @return false when every slot is taken or the frame is too large (nothing kept)
     */
    boolean hold(MemorySegment source, long offset, int frameLength, FrameOffload frameOffload, int frameL2Length,
                 int frameFixup, int frameKind, int nextHop, long nowNanos) {
        if (used == SLOTS || frameLength > SLOT_BYTES) {
            return false;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (entry[i] == NextHopTable.NONE) {
                MemorySegment.copy(source, offset, buffer, (long) i * SLOT_BYTES, frameLength);
                length[i] = frameLength;
                entry[i] = nextHop;
                since[i] = nowNanos;
                l2Length[i] = frameL2Length;
                fixup[i] = frameFixup;
                kind[i] = frameKind;
                offload[i].set(frameOffload);
                used++;
                return true;
            }
        }
        return false;
    }

    /** Slots in use. */
    int size() {
        return used;
    }

    /** Whether slot i holds a frame waiting for next-hop entry nextHop. */
    boolean waitsFor(int i, int nextHop) {
        return entry[i] == nextHop;
    }

    /** Whether slot i has waited since before deadline. */
    boolean waitedSince(int i, long deadline) {
        return entry[i] != NextHopTable.NONE && since[i] - deadline < 0;
    }

    MemorySegment buffer() {
        return buffer;
    }

    long offset(int i) {
        return (long) i * SLOT_BYTES;
    }

    int length(int i) {
        return length[i];
    }

    int l2Length(int i) {
        return l2Length[i];
    }

    int kind(int i) {
        return kind[i];
    }

    int fixup(int i) {
        return fixup[i];
    }

    FrameOffload offload(int i) {
        return offload[i];
    }

    /** Frees slot i. */
    void release(int i) {
        if (entry[i] != NextHopTable.NONE) {
            entry[i] = NextHopTable.NONE;
            used--;
        }
    }
}
