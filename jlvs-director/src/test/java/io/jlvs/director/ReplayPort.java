package io.jlvs.director;

import io.jlvs.packet.NetworkBytes;
import io.jlvs.packet.io.FrameReceiver;

import java.util.List;

/**
 * A port that allocates nothing per frame, for measuring the engine's own allocation: it hands out
 * copies of template frames in turn, each with a fresh TCP/UDP source port (so requests open new
 * connections) when asked, and counts and forgets what is transmitted.
 */
final class ReplayPort extends GeneratedPort {
    private final int[] portAt;
    private int next;
    private int sourcePort = 1024;

    /**
     * @param frames templates, in the order they are handed out
     * @param portAt per template, where the source port to vary is (-1: leave it)
     */
    ReplayPort(List<byte[]> frames, int[] portAt) {
        super(frames);
        this.portAt = portAt.clone();
    }

    @Override
    public int receive(FrameReceiver receiver, int max) {
        for (int n = 0; n < max; n++) {
            int i = next;
            next = (next + 1) % templateCount();
            int length = copyTemplate(i);
            if (portAt[i] >= 0) {
                NetworkBytes.setU16(receive, portAt[i], sourcePort);
                sourcePort = sourcePort == 65_535 ? 1024 : sourcePort + 1;
            }
            receiver.onFrame(receive, 0, length, offload.clear());
        }
        return max;
    }

    @Override
    public boolean awaitFrames(long timeoutNanos) {
        return true;
    }
}
