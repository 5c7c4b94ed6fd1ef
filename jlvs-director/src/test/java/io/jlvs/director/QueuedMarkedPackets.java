package io.jlvs.director;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Queue;

/** A {@link MarkedPacketSource} for tests: the packets queued, each with its mark, handed once. */
final class QueuedMarkedPackets implements MarkedPacketSource {
    private record Marked(byte[] packet, int mark) {
    }

    private final Queue<Marked> queue = new ArrayDeque<>();
    private boolean closed;

    /** Queues an IP packet (no link-layer header) with its mark. */
    void add(byte[] packet, int mark) {
        queue.add(new Marked(packet.clone(), mark));
    }

    boolean closed() {
        return closed;
    }

    @Override
    public int receive(MarkedPacketSink sink, int max) {
        int n = 0;
        for (Marked next; n < max && (next = queue.poll()) != null; n++) {
            sink.onMarkedPacket(MemorySegment.ofArray(next.packet()), 0, next.packet().length, next.mark());
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
