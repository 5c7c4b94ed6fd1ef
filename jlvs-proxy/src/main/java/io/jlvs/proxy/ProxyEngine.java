package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.service.VirtualServiceTable;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The proxy engine: socket-level L4 proxying with FULLNAT semantics over the IPVS core. One Netty
 * event loop thread owns everything: the run-time service table, the connection table with its
 * scheduler and protocol states, the listeners and every proxied socket. The control plane reaches
 * it only by enqueueing work on that loop ({@link #update}, {@link #setTimeouts}, {@link #query}),
 * so the core needs no locks.
 *
 * <p>The loop ticks the connection table's timer wheel every 125 ms (entries expire there, and a
 * session whose entry expired is closed) and runs the rate estimator every 2 seconds.
 *
 * <p>Real servers see the engine's address (FULLNAT). The forwarding method a destination is
 * configured with (-g, -i, -m, --fullnat) is kept in its entries and listed, but every method is
 * served by proxying.
 */
public final class ProxyEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();
    /** Estimator runs per timer tick: 16 ticks of 125 ms are the kernel's 2-second period. */
    private static final int TICKS_PER_ESTIMATE = (int) (2_000_000_000L / ConnectionTable.TICK_NANOS);

    private final EventLoopGroup group;
    private final EngineCore core;
    private final Listeners listeners;
    private final ScheduledFuture<?> ticker;
    private int ticks;
    private CompletableFuture<Void> drained;
    private boolean closed;
    private volatile Thread loopThread;

    private ProxyEngine(ProxyOptions options) {
        ProxyTransport transport = ProxyTransport.select(options.nativeTransport());
        this.group = transport.oneThreadGroup().apply(
                new DefaultThreadFactory("jlvs-proxy-" + ENGINES.incrementAndGet(), true));
        EventLoop loop = group.next();
        loop.execute(() -> loopThread = Thread.currentThread());
        this.core = new EngineCore(options, transport, loop);
        this.listeners = new Listeners(core, group);
        long tick = ConnectionTable.TICK_NANOS;
        this.ticker = loop.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
        LOG.info("proxy engine on {}", transport.describe());
    }

    /** Starts an engine with no services; its loop thread runs until {@link #close()}. */
    public static ProxyEngine start(ProxyOptions options) {
        return new ProxyEngine(Objects.requireNonNull(options, "options"));
    }

    /** The transport the engine chose. */
    public ProxyTransport transport() {
        return core.transport;
    }

    /**
     * Changes the service table on the engine's loop, then binds listeners for new services and
     * closes those of deleted ones (and, with expire_nodest_conn, resets the connections of deleted
     * real servers). Returns at once.
     *
     * @return completes once the change is applied and the listeners it needs are bound (or have
     *         failed to bind, which is logged); fails when the change threw
     */
    /**
     * Enqueues a change without waiting for the listeners to follow; {@link #sync()} then brings
     * them in line once for many changes (a 100,000-line ipvsadm -R reconciles once, not per line).
     */
    public void apply(Consumer<VirtualServiceTable> change) {
        Objects.requireNonNull(change, "change");
        submit(new CompletableFuture<>(), () -> {
            try {
                change.accept(core.services);
            } catch (RuntimeException e) {
                LOG.error("the proxy engine could not apply a change: {}", e.toString());
            }
        });
    }

    /** Completes when every change enqueued before it is in effect and the listeners follow the table. */
    public CompletableFuture<Void> sync() {
        return update(table -> { });
    }

    public CompletableFuture<Void> update(Consumer<VirtualServiceTable> change) {
        Objects.requireNonNull(change, "change");
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(done, () -> {
            RuntimeException failure = null;
            try {
                change.accept(core.services);
            } catch (RuntimeException e) {
                LOG.error("the proxy engine could not apply a change: {}", e.toString());
                failure = e;
            }
            core.expireNodestSessions();
            List<ChannelFuture> binds = listeners.reconcile();
            RuntimeException outcome = failure;
            whenAll(binds, () -> {
                if (outcome != null) {
                    done.completeExceptionally(outcome);
                } else {
                    done.complete(null);
                }
            });
        });
        return done;
    }

    /** ipvsadm --set: the TCP, TCP FIN and UDP timeouts (0 keeps a value), from the next state change on. */
    public void setTimeouts(Timeouts timeouts) {
        Objects.requireNonNull(timeouts, "timeouts");
        submit(new CompletableFuture<>(), () -> core.states.setTimeouts(timeouts));
    }

    /** Reads the engine's state on its loop; the function must copy out what it returns. */
    public <T> CompletableFuture<T> query(Function<EngineView, T> reader) {
        Objects.requireNonNull(reader, "reader");
        CompletableFuture<T> answer = new CompletableFuture<>();
        submit(answer, () -> answer.complete(reader.apply(new EngineView(core, listeners))));
        return answer;
    }

    private void submit(CompletableFuture<?> outcome, Runnable task) {
        try {
            core.loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.completeExceptionally(new IllegalStateException("the proxy engine is closed", e));
        }
    }

    private static void whenAll(List<ChannelFuture> futures, Runnable then) {
        if (futures.isEmpty()) {
            then.run();
            return;
        }
        int[] left = {futures.size()};
        for (ChannelFuture future : futures) {
            future.addListener(f -> {
                if (--left[0] == 0) {
                    then.run();
                }
            });
        }
    }

    private void tick() {
        core.expire();
        if (drained != null && core.tcpSessions() == 0) {
            drained.complete(null);
        }
        if (++ticks % TICKS_PER_ESTIMATE == 0) {
            core.estimate();
        }
    }

    /**
     * Graceful shutdown: stops accepting (listeners close; UDP sessions end with them), lets the
     * proxied TCP connections finish until {@link ProxyOptions#drainTimeout()}, then resets those
     * left and stops the loop thread. Blocks until done; idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> drainedNow = new CompletableFuture<>();
        try {
            CompletableFuture<Integer> stopped = new CompletableFuture<>();
            submit(stopped, () -> {
                listeners.closeAll();
                drained = drainedNow;
                stopped.complete(core.tcpSessions());
            });
            int open = stopped.get(5, TimeUnit.SECONDS);
            if (open > 0) {
                LOG.info("proxy engine draining {} connections (at most {})", open, core.options.drainTimeout());
                try {
                    drainedNow.get(core.options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    LOG.info("proxy engine drain deadline reached: resetting what is left");
                }
            }
            CompletableFuture<Void> aborted = new CompletableFuture<>();
            submit(aborted, () -> {
                ticker.cancel(false);
                for (Session session : core.sessions()) {
                    core.closed(session);
                    session.abort();
                }
                aborted.complete(null);
            });
            aborted.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("proxy engine shutdown: {}", e.toString());
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            joinLoopThread();
            LOG.info("proxy engine stopped");
        }
    }

    /** The loop's future completes just before its thread ends: wait for the thread itself too. */
    private void joinLoopThread() {
        Thread thread = loopThread;
        if (thread == null) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
