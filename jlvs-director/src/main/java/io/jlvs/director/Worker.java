package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.packet.io.PacketPort;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker of the packet engine, as an Agrona agent: it owns an {@link EngineCore} (its share of
 * the connections, its schedulers and counters), its ports and its forwarding pipeline
 * ({@link Forwarder}, the transmitters, {@link Egress} with its next hops). {@link #doWork()}
 * reads the clock once, carries out the control plane's tasks, receives a batch from each port
 * and from its source of marked packets (firewall-mark services), flushes what was transmitted and ticks the core's timers when due; only the worker's thread calls
 * it. The control plane reaches the worker only through {@link #submit}.
 */
public final class Worker implements NextHopRequests {
    /** Frames taken from one port per duty cycle. */
    static final int BATCH = 64;
    /** Next hops one worker remembers. */
    static final int NEXT_HOPS = 1 << 16;

    private final int index;
    private final EngineCore core;
    private final PacketPort[] ports;
    private final NextHopResolver resolver;
    private final Executor resolving;
    private final Arena arena = Arena.ofShared();
    private final ForwardingCounters counters = new ForwardingCounters();
    private final Egress egress;
    private final Forwarder forwarder;
    private final MarkedPacketSource marked;
    private final MarkedFrames markedFrames;
    private final Queue<WorkerTask> tasks = new ConcurrentLinkedQueue<>();
    private long nextTickNanos;

    /**
     * @param index     the worker's number, from 0
     * @param core      the worker's engine core (its clock is the worker's)
     * @param ports     the worker's ports, one per interface
     * @param resolver  where next hops come from (called on resolving's threads, never the worker's)
     * @param resolving runs the resolutions
     */
    public Worker(int index, EngineCore core, List<InterfacePort> ports, NextHopResolver resolver, Executor resolving) {
        this(index, core, ports, MarkedPacketSource.NONE, resolver, resolving);
    }

    /**
     * @param index     the worker's number, from 0
     * @param core      the worker's engine core (its clock is the worker's)
     * @param ports     the worker's ports, one per interface
     * @param marked    where the packets of firewall-mark services come from (the worker closes it)
     * @param resolver  where next hops come from (called on resolving's threads, never the worker's)
     * @param resolving runs the resolutions
     */
    public Worker(int index, EngineCore core, List<InterfacePort> ports, MarkedPacketSource marked,
                  NextHopResolver resolver, Executor resolving) {
        this.index = index;
        this.marked = Objects.requireNonNull(marked, "marked");
        this.core = Objects.requireNonNull(core, "core");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.resolving = Objects.requireNonNull(resolving, "resolving");
        InterfacePort[] attached = ports.toArray(InterfacePort[]::new);
        this.ports = ports.stream().map(InterfacePort::port).toArray(PacketPort[]::new);
        this.egress = new Egress(attached, new NextHopTable(NEXT_HOPS), new PendingFrames(arena), this, counters);
        ConnectionTable table = core.table();
        TooBigReply tooBig = new TooBigReply(arena, egress);
        this.forwarder = new Forwarder(core, counters, egress,
                new NatTransmitter(table, egress),
                new DirectRouteTransmitter(table, egress),
                new TunnelTransmitter(arena, table, egress, tooBig, counters, egress.smallestMtu()),
                new FullNatTransmitter(table, egress),
                new LocalAddressPool(table));
        this.markedFrames = new MarkedFrames(arena, forwarder);
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
        long now = core.now();
        forwarder.beginBatch(now);
        int work = runTasks(now);
        for (PacketPort port : ports) {
            work += port.receive(forwarder, BATCH);
        }
        work += marked.receive(markedFrames, BATCH);
        for (PacketPort port : ports) {
            port.flush();
        }
        if (now - nextTickNanos >= 0) {
            core.tick();
            egress.expirePending(now);
            nextTickNanos = now + ConnectionTable.TICK_NANOS;
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

    @Override
    public void request(int entry, int family, int w0, int w1, int w2, int w3) {
        int[] words = {w0, w1, w2, w3};
        resolving.execute(() -> {
            try {
                NextHopResolver.NextHop hop = resolver.resolve(family, words);
                submit(new WorkerTask.NextHopResolved(entry, hop.interfaceIndex(), hop.mac(), hop.source()));
            } catch (NextHopResolver.NextHopException | RuntimeException e) {
                submit(new WorkerTask.NextHopResolved(entry, NextHopTable.NONE, 0, null));
            }
        });
    }

    private int runTasks(long now) {
        int done = 0;
        for (WorkerTask task; (task = tasks.poll()) != null; done++) {
            switch (task) {
                case WorkerTask.Apply a -> apply(a);
                case WorkerTask.Snapshot s -> s.answer().complete(core.snapshot());
                case WorkerTask.CopyConnections c -> {
                    core.copyConnections(c.page(), c.fromSlot());
                    c.answer().complete(c.page());
                }
                case WorkerTask.ReadCounters r -> r.answer().complete(counters.copy());
                case WorkerTask.NextHopResolved r -> egress.resolved(r.entry(), r.interfaceIndex(), r.mac(), r.source(),
                        now);
            }
        }
        return done;
    }

    private void apply(WorkerTask.Apply task) {
        try {
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
        } finally {
            forwarder.servicesChanged();
        }
    }

    /** Closes the worker's ports and frees its buffers (after its thread stopped). */
    void close() {
        for (PacketPort port : ports) {
            port.close();
        }
        marked.close();
        arena.close();
    }
}
