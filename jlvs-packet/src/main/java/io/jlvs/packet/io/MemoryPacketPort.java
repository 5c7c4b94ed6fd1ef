package io.jlvs.packet.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link PacketPort} in memory, for tests, fuzzing and simulation: frames injected with
 * {@link #inject} are received in order, and frames the engine transmits are collected, after
 * {@link #flush()}, in {@link #sent()}. It allocates per frame (it is not a hot path) and is owned
 * by one thread like every port.
 */
public final class MemoryPacketPort implements PacketPort {
    /** The largest frame a slot holds: a 64 KiB IP packet, an Ethernet header and an 802.1Q tag. */
    public static final int SLOT_BYTES = 65_536 + 18;

    /** A transmitted frame: its bytes and a copy of the offload it was committed with. */
    public record SentFrame(byte[] bytes, FrameOffload offload) {
    }

    private record Injected(byte[] bytes, FrameOffload offload) {
    }

    private final String name;
    private final int mtu;
    private final int transmitSlots;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment receiveBuffer;
    private final MemorySegment transmitBuffer;
    private final FrameOffload receivedOffload = new FrameOffload();
    private final ArrayDeque<Injected> inbound = new ArrayDeque<>();
    private final List<SentFrame> committed = new ArrayList<>();
    private final List<SentFrame> sent = new ArrayList<>();
    private int claimedSlots;

    /** A port with an MTU of 1500 and room for 256 frames between flushes. */
    public MemoryPacketPort(String name) {
        this(name, 1500, 256);
    }

    /**
     * @param transmitSlots how many frames may be committed before a flush (claim fails beyond)
     */
    public MemoryPacketPort(String name, int mtu, int transmitSlots) {
        this.name = Objects.requireNonNull(name, "name");
        this.mtu = mtu;
        this.transmitSlots = transmitSlots;
        this.receiveBuffer = arena.allocate(SLOT_BYTES);
        this.transmitBuffer = arena.allocate((long) SLOT_BYTES * transmitSlots);
    }

    /** Queues a frame to be received, with plain offloads. */
    public void inject(byte[] frame) {
        inject(frame, new FrameOffload());
    }

    /** Queues a frame to be received with the given offloads (copied). */
    public void inject(byte[] frame, FrameOffload offload) {
        if (frame.length > SLOT_BYTES) {
            throw new IllegalArgumentException("a frame of " + frame.length + " bytes is more than a slot holds");
        }
        inbound.add(new Injected(frame.clone(), new FrameOffload().set(offload)));
    }

    /** Frames injected and not yet received. */
    public int pending() {
        return inbound.size();
    }

    /** Every frame flushed so far, oldest first. */
    public List<SentFrame> sent() {
        return sent;
    }

    /** Returns the frames flushed so far and forgets them. */
    public List<SentFrame> drainSent() {
        List<SentFrame> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public int receive(FrameReceiver receiver, int max) {
        int count = 0;
        while (count < max && !inbound.isEmpty()) {
            Injected frame = inbound.poll();
            MemorySegment.copy(MemorySegment.ofArray(frame.bytes()), 0, receiveBuffer, 0, frame.bytes().length);
            receivedOffload.set(frame.offload());
            receiver.onFrame(receiveBuffer, 0, frame.bytes().length, receivedOffload);
            count++;
        }
        return count;
    }

    @Override
    public boolean awaitFrames(long timeoutNanos) {
        return !inbound.isEmpty();
    }

    @Override
    public MemorySegment transmitBuffer() {
        return transmitBuffer;
    }

    @Override
    public long claim(int length) {
        if (length < 0 || length > SLOT_BYTES || claimedSlots == transmitSlots) {
            return -1;
        }
        return (long) SLOT_BYTES * claimedSlots++;
    }

    @Override
    public void commit(long claimed, int length, FrameOffload offload) {
        if (claimed < 0 || claimed % SLOT_BYTES != 0 || claimed / SLOT_BYTES >= claimedSlots || length > SLOT_BYTES) {
            throw new IllegalArgumentException("commit of " + length + " bytes at " + claimed + ": not a claimed slot");
        }
        byte[] bytes = transmitBuffer.asSlice(claimed, length).toArray(ValueLayout.JAVA_BYTE);
        committed.add(new SentFrame(bytes, offload == null ? new FrameOffload() : new FrameOffload().set(offload)));
    }

    @Override
    public int flush() {
        int count = committed.size();
        sent.addAll(committed);
        committed.clear();
        claimedSlots = 0;
        return count;
    }

    @Override
    public void close() {
        arena.close();
    }
}
