package io.jlvs.director;

import io.jlvs.packet.NetworkBytes;
import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.FrameReceiver;
import io.jlvs.packet.io.PacketPort;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A port that allocates nothing per frame, for measuring the engine's own allocation: it hands out
 * copies of template frames in turn, each with a fresh TCP/UDP source port (so requests open new
 * connections) when asked, and counts and forgets what is transmitted.
 */
final class ReplayPort implements PacketPort {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment templates;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] portAt;
    private final MemorySegment receive;
    private final MemorySegment transmit;
    private final FrameOffload offload = new FrameOffload();
    private int next;
    private int sourcePort = 1024;
    long transmitted;

    /**
     * @param frames templates, in the order they are handed out
     * @param portAt per template, where the source port to vary is (-1: leave it)
     */
    ReplayPort(List<byte[]> frames, int[] portAt) {
        int total = frames.stream().mapToInt(f -> f.length).sum();
        templates = arena.allocate(total);
        offsets = new int[frames.size()];
        lengths = new int[frames.size()];
        int at = 0;
        for (int i = 0; i < frames.size(); i++) {
            MemorySegment.copy(MemorySegment.ofArray(frames.get(i)), 0, templates, at, frames.get(i).length);
            offsets[i] = at;
            lengths[i] = frames.get(i).length;
            at += lengths[i];
        }
        this.portAt = portAt.clone();
        receive = arena.allocate(65_536);
        transmit = arena.allocate(65_536);
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public int mtu() {
        return 1500;
    }

    @Override
    public int receive(FrameReceiver receiver, int max) {
        for (int n = 0; n < max; n++) {
            int i = next;
            next = (next + 1) % offsets.length;
            MemorySegment.copy(templates, offsets[i], receive, 0, lengths[i]);
            if (portAt[i] >= 0) {
                NetworkBytes.setU16(receive, portAt[i], sourcePort);
                sourcePort = sourcePort == 65_535 ? 1024 : sourcePort + 1;
            }
            receiver.onFrame(receive, 0, lengths[i], offload.clear());
        }
        return max;
    }

    @Override
    public boolean awaitFrames(long timeoutNanos) {
        return true;
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
