package io.jlvs.io.linux;

import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.FrameReceiver;
import io.jlvs.packet.io.PacketPort;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Receives from a port into lists (tests allocate freely): the test frames (EtherType
 * EXPERIMENTAL) as bytes, the source address of every frame, and the size of each receive batch.
 */
public final class FrameCollector implements FrameReceiver {
    private final List<byte[]> frames = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<Integer> batches = new ArrayList<>();

    @Override
    public void onFrame(MemorySegment buffer, long offset, int length, FrameOffload offload) {
        sources.add(TestFrames.source(buffer, offset));
        if (TestFrames.isExperimental(buffer, offset, length)) {
            frames.add(buffer.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Receives until count test frames are in or the deadline passed; returns the test frames. */
    public List<byte[]> receive(PacketPort port, int count, long deadlineNanos) {
        return receiveUntil(port, () -> frames.size() >= count, deadlineNanos);
    }

    /** Receives until done says so or the deadline passed; returns the test frames. */
    public List<byte[]> receiveUntil(PacketPort port, BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean() && System.nanoTime() < deadlineNanos) {
            if (port.awaitFrames(10_000_000L)) {
                int batch = port.receive(this, 64);
                if (batch > 0) {
                    batches.add(batch);
                }
            }
        }
        return frames;
    }

    /** Receives whatever comes for the given time. */
    public List<byte[]> receiveFor(PacketPort port, long nanos) {
        return receive(port, Integer.MAX_VALUE, System.nanoTime() + nanos);
    }

    /** Source MAC addresses of every frame received, test frames or not. */
    public List<String> sources() {
        return sources;
    }

    /** How many frames each non-empty receive call returned. */
    public List<Integer> batches() {
        return batches;
    }
}
