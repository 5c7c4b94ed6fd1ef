package io.jlvs.io.linux;

import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.FrameReceiver;
import io.jlvs.packet.io.PacketPort;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user-space bridge for tests: on its own thread it forwards every frame from left port i to
 * right port i and back, with the offload it arrived with, and tells an observer about each (which
 * member and which side received it). Members are worker-like: port i of each side is served as
 * one worker would serve it.
 */
public final class FrameBridge implements AutoCloseable {
    /** Told of every frame before it is forwarded (on the bridge's thread). */
    public interface Observer {
        void seen(int member, boolean fromLeft, MemorySegment buffer, long offset, int length, FrameOffload offload);
    }

    private final List<? extends PacketPort> left;
    private final List<? extends PacketPort> right;
    private final Observer observer;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    public FrameBridge(List<? extends PacketPort> left, List<? extends PacketPort> right, Observer observer) {
        if (left.size() != right.size()) {
            throw new IllegalArgumentException("a bridge pairs ports: " + left.size() + " left, " + right.size() + " right");
        }
        this.left = left;
        this.right = right;
        this.observer = observer;
        this.thread = Thread.ofPlatform().name("frame-bridge").start(this::run);
    }

    private void run() {
        Forwarder[] toRight = new Forwarder[left.size()];
        Forwarder[] toLeft = new Forwarder[left.size()];
        for (int i = 0; i < left.size(); i++) {
            toRight[i] = new Forwarder(i, true, right.get(i));
            toLeft[i] = new Forwarder(i, false, left.get(i));
        }
        try {
            while (running) {
                int moved = 0;
                for (int i = 0; i < left.size(); i++) {
                    moved += left.get(i).receive(toRight[i], 64);
                    right.get(i).flush();
                    moved += right.get(i).receive(toLeft[i], 64);
                    left.get(i).flush();
                }
                if (moved == 0) {
                    left.getFirst().awaitFrames(100_000L);
                    right.getFirst().awaitFrames(100_000L);
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** Frames that found the other port's transmit ring full even after a flush. */
    public long dropped() {
        return dropped.get();
    }

    /** Stops the thread; rethrows what ended it early. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        if (failure != null) {
            throw new AssertionError("the bridge failed", failure);
        }
    }

    private final class Forwarder implements FrameReceiver {
        private final int member;
        private final boolean fromLeft;
        private final PacketPort target;

        Forwarder(int member, boolean fromLeft, PacketPort target) {
            this.member = member;
            this.fromLeft = fromLeft;
            this.target = target;
        }

        @Override
        public void onFrame(MemorySegment buffer, long offset, int length, FrameOffload offload) {
            observer.seen(member, fromLeft, buffer, offset, length, offload);
            if (!target.transmit(buffer, offset, length, offload)) {
                target.flush();
                if (!target.transmit(buffer, offset, length, offload)) {
                    dropped.incrementAndGet();
                }
            }
        }
    }
}
