package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.packet.io.FrameReceiver;
import io.jlvs.packet.io.PacketPort;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker of the packet engine, as an Agrona agent: it owns an {@link EngineCore} (its share of
 * the connections, its schedulers and counters), its packet ports and the frame receiver that
 * forwards. {@link #doWork()} reads the control plane's tasks, receives a batch from each port,
 * flushes what was transmitted and ticks the core's timers when due; only the worker's thread
 * calls it. The control plane reaches the worker only through {@link #submit}.
 */
public final class Worker {
    /** Frames taken from one port per duty cycle. */
    static final int BATCH = 64;

    private final int index;
    private final EngineCore core;
    private final PacketPort[] ports;
    private final FrameReceiver forwarder;
    private final Queue<WorkerTask> tasks = new ConcurrentLinkedQueue<>();
    private long nextTickNanos;

    /**
     * @param index     the worker's number, from 0
     * @param core      the worker's engine core (its clock is the worker's)
     * @param ports     the worker's ports, one per interface
     * @param forwarder what each received frame is handed to
     */
    public Worker(int index, EngineCore core, List<PacketPort> ports, FrameReceiver forwarder) {
        this.index = index;
        this.core = Objects.requireNonNull(core, "core");
        this.ports = ports.toArray(PacketPort[]::new);
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
        this.nextTickNanos = core.now() + ConnectionTable.TICK_NANOS;
    }

    /** The worker's number. */
    public int index() {
        return index;
    }

    /** The core, for tests that drive a worker by hand (the worker's thread only). */
    public EngineCore core() {
        return core;
    }

    /** Queues a task for the worker's next duty cycle (any thread). */
    void submit(WorkerTask task) {
        tasks.add(task);
    }

    /**
     * One duty cycle.
     *
     * @return how much was done (tasks, frames and ticks): 0 means idle
     */
    public int doWork() {
        int work = runTasks();
        for (PacketPort port : ports) {
            work += port.receive(forwarder, BATCH);
        }
        for (PacketPort port : ports) {
            port.flush();
        }
        if (core.now() - nextTickNanos >= 0) {
            long ranAt = core.tick();
            nextTickNanos = ranAt + ConnectionTable.TICK_NANOS;
            work++;
        }
        return work;
    }

    /** Waits a little for frames when a cycle found nothing (bounded, so tasks wait at most that). */
    void idle(long nanos) {
        if (ports.length > 0) {
            ports[0].awaitFrames(nanos);
        } else {
            LockSupport.parkNanos(nanos);
        }
    }

    private int runTasks() {
        int done = 0;
        for (WorkerTask task; (task = tasks.poll()) != null; done++) {
            switch (task) {
                case WorkerTask.Apply a -> apply(a);
                case WorkerTask.Snapshot s -> s.answer().complete(core.snapshot());
                case WorkerTask.CopyConnections c -> {
                    core.copyConnections(c.page(), c.fromSlot());
                    c.answer().complete(c.page());
                }
            }
        }
        return done;
    }

    private void apply(WorkerTask.Apply task) {
        for (int i = 0; i < task.commands().size(); i++) {
            try {
                core.apply(task.commands().get(i));
            } catch (EngineRejection e) {
                task.done().completeExceptionally(e.at(i));
                return;
            } catch (RuntimeException e) {
                task.done().completeExceptionally(new EngineRejection("worker " + index + " failed: " + e, i, e));
                return;
            }
        }
        task.done().complete(null);
    }

    /** Closes the worker's ports (after its thread stopped). */
    void closePorts() {
        for (PacketPort port : ports) {
            port.close();
        }
    }
}
