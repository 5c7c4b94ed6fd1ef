package io.jlvs.director;

import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.engine.DataPlane;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.core.engine.TableSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The packet engine as the control plane sees it: N {@link Worker}s, each on its own platform
 * thread, share nothing; a command goes to every worker (each holds the whole service table, as
 * DPVS's per-core copies do) and completes when all have applied it; a listing adds the workers'
 * copies up ({@link SnapshotMerge}); the connection listing walks worker after worker, a page at a
 * time, with the worker's number in the high bits of the slot it hands back.
 */
public final class PacketEngine implements DataPlane, AutoCloseable {
    /** How long an idle worker waits for frames before it looks at its tasks again. */
    static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<Worker> workers;
    private final int slotBits;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param workers         the workers, not yet running
     * @param maxEntriesEach  the most connection entries one worker's table holds (a power of two
     *                        or less; the connection listing numbers slots within it)
     */
    public PacketEngine(List<Worker> workers, int maxEntriesEach) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("a packet engine needs at least one worker");
        }
        this.workers = List.copyOf(workers);
        this.slotBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, maxEntriesEach - 1));
        if (slotBits + (32 - Integer.numberOfLeadingZeros(workers.size())) > 31) {
            throw new IllegalArgumentException(workers.size() + " workers of " + maxEntriesEach
                    + " entries each do not fit a 31-bit slot number");
        }
    }

    /** Starts one thread per worker. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (Worker worker : workers) {
            Thread thread = Thread.ofPlatform().name("jlvs-worker-" + worker.index()).daemon()
                    .unstarted(() -> run(worker));
            threads.add(thread);
            thread.start();
        }
    }

    private void run(Worker worker) {
        while (running) {
            if (worker.doWork() == 0) {
                worker.idle(IDLE_WAIT_NANOS);
            }
        }
    }

    @Override
    public String name() {
        return "packet";
    }

    /** The workers, for tests that drive them by hand (without {@link #start()}). */
    public List<Worker> workers() {
        return workers;
    }

    @Override
    public CompletableFuture<Void> apply(List<EngineCommand> commands) {
        List<EngineCommand> copy = List.copyOf(commands);
        List<CompletableFuture<Void>> done = new ArrayList<>(workers.size());
        for (Worker worker : workers) {
            CompletableFuture<Void> applied = new CompletableFuture<>();
            done.add(applied);
            worker.submit(new WorkerTask.Apply(copy, applied));
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).handle((ok, failure) -> {
            if (failure == null) {
                return null;
            }
            throw new CompletionException(firstRejection(done));
        });
    }

    /** The refusal with the lowest index (every worker holds the same table, so they agree). */
    private static EngineRejection firstRejection(List<CompletableFuture<Void>> done) {
        EngineRejection first = null;
        for (CompletableFuture<Void> applied : done) {
            Throwable cause = applied.exceptionNow();
            EngineRejection rejection = cause instanceof EngineRejection r ? r
                    : new EngineRejection("the packet engine failed: " + cause, 0, cause);
            if (first == null || rejection.index() < first.index()) {
                first = rejection;
            }
        }
        return first;
    }

    /** The workers' frames by what became of them, as jlvs status prints them. */
    @Override
    public CompletableFuture<Map<String, Long>> counters() {
        return forwardingCounters().thenApply(ForwardingCounters::byName);
    }

    /** The forwarding counters of all workers, added up. */
    public CompletableFuture<ForwardingCounters> forwardingCounters() {
        return askEach(WorkerTask.ReadCounters::new).thenApply(copies -> {
            ForwardingCounters sum = new ForwardingCounters();
            copies.forEach(sum::add);
            return sum;
        });
    }

    @Override
    public CompletableFuture<TableSnapshot> snapshot() {
        return askEach(WorkerTask.Snapshot::new).thenApply(SnapshotMerge::merge);
    }

    /** Asks every worker the same question and collects the answers in worker order. */
    private <T> CompletableFuture<List<T>> askEach(Function<CompletableFuture<T>, WorkerTask> question) {
        List<CompletableFuture<T>> answers = new ArrayList<>(workers.size());
        for (Worker worker : workers) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            answers.add(answer);
            worker.submit(question.apply(answer));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> answers.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public CompletableFuture<ConnectionPage> copyConnections(ConnectionPage page, int fromSlot) {
        int from = Math.max(0, fromSlot);
        int w = from >>> slotBits;
        if (w >= workers.size()) {
            page.continueAt(ConnectionPage.END);
            return CompletableFuture.completedFuture(page);
        }
        int local = from & ((1 << slotBits) - 1);
        CompletableFuture<ConnectionPage> copied = new CompletableFuture<>();
        workers.get(w).submit(new WorkerTask.CopyConnections(page, local, copied));
        return copied.thenApply(filled -> {
            int next = filled.nextSlot();
            if (next != ConnectionPage.END) {
                filled.continueAt((w << slotBits) | next);
            } else if (w + 1 < workers.size()) {
                filled.continueAt((w + 1) << slotBits);
            }
            return filled;
        });
    }

    /** Stops the workers' threads and closes their ports. */
    @Override
    public synchronized void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        for (Worker worker : workers) {
            worker.close();
        }
    }
}
