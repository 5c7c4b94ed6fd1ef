package io.jlvs.director;

import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.PacketPort;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A test port whose frames are made from templates, with nothing allocated per frame: the
 * templates sit in one off-heap segment and {@link #copyTemplate} puts one into the receive
 * buffer; transmitted frames are counted ({@link #transmitted}) and checked by the subclass's
 * {@link #sent}, then forgotten.
 */
abstract class GeneratedPort implements PacketPort {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment templates;
    private final int[] offsets;
    private final int[] lengths;
    final MemorySegment receive;
    final FrameOffload offload = new FrameOffload();
    private final MemorySegment transmit;
    long transmitted;

    GeneratedPort(List<byte[]> frames) {
        templates = arena.allocate(frames.stream().mapToInt(f -> f.length).sum());
        offsets = new int[frames.size()];
        lengths = new int[frames.size()];
        int at = 0;
        for (int i = 0; i < frames.size(); i++) {
            MemorySegment.copy(MemorySegment.ofArray(frames.get(i)), 0, templates, at, frames.get(i).length);
            offsets[i] = at;
            lengths[i] = frames.get(i).length;
            at += lengths[i];
        }
        receive = arena.allocate(65_536);
        transmit = arena.allocate(65_536);
    }

    /** How many templates there are. */
    int templateCount() {
        return offsets.length;
    }

    /** Copies template t to the start of the receive buffer; returns its length. */
    int copyTemplate(int t) {
        MemorySegment.copy(templates, offsets[t], receive, 0, lengths[t]);
        return lengths[t];
    }

    /** Looks at a frame the engine transmitted (at offset of the transmit buffer). */
    void sent(MemorySegment buffer, long offset, int length) {
    }

    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public int mtu() {
        return 1500;
    }

    @Override
    public MemorySegment transmitBuffer() {
        return transmit;
    }

    @Override
    public long claim(int length) {
        return length <= transmit.byteSize() ? 0 : -1;
    }

    @Override
    public void commit(long claimed, int length, FrameOffload frameOffload) {
        transmitted++;
        sent(transmit, claimed, length);
    }

    @Override
    public int flush() {
        return 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}
