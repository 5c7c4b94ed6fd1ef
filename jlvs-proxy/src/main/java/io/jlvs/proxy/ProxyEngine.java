package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.engine.DataPlane;
import io.jlvs.core.engine.EngineClock;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.sched.SchedulerContext;
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
 * The proxy engine: socket-level L4 proxying with FULLNAT semantics over the IPVS
 * {@link EngineCore}. One Netty event loop thread owns everything: the engine core (service table,
 * connection table, scheduling, protocol states), the listeners and every proxied socket. The
 * control plane reaches it only through {@link DataPlane}: command records queued on that loop
 * ({@link #apply}) and read-only copies made there ({@link #snapshot}, {@link #copyConnections}),
 * so the core needs no locks.
 *
 * <p>The loop ticks the core every 125 ms (entries expire there, and a session whose entry expired
 * is closed; every 16th tick runs the rate estimator).
 *
 * <p>Real servers see the engine's address (FULLNAT). The forwarding method a destination is
 * configured with (-g, -i, -m, --fullnat) is kept in its entries and listed, but every method is
 * served by proxying.
 */
public final class ProxyEngine implements DataPlane, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final EventLoopGroup group;
    private final ProxyCore core;
    private final Listeners listeners;
    private final CommandRunner commands;
    private final ScheduledFuture<?> ticker;
    private CompletableFuture<Void> drained;
    private boolean closed;
    private volatile Thread loopThread;

    private ProxyEngine(ProxyOptions options, ProxyTransport transport, EngineClock clock) {
        this.group = transport.oneThreadGroup().apply(
                new DefaultThreadFactory("jlvs-proxy-" + ENGINES.incrementAndGet(), true));
        EventLoop loop = group.next();
        loop.execute(() -> loopThread = Thread.currentThread());
        this.core = new ProxyCore(options, transport, loop, engineCore(options, clock));
        this.listeners = new Listeners(core);
        this.commands = new CommandRunner(core, listeners);
        long tick = ConnectionTable.TICK_NANOS;
        this.ticker = loop.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
        LOG.info("proxy engine on {}", transport.describe());
    }

    /**
     * Starts an engine with no services on the transport its options ask for and the system's
     * monotonic clock; its loop thread runs until {@link #close()}.
     */
    public static ProxyEngine start(ProxyOptions options) {
        Objects.requireNonNull(options, "options");
        return start(options, ProxyTransport.select(options.nativeTransport()), System::nanoTime);
    }

    /** Starts an engine on this transport and clock. */
    public static ProxyEngine start(ProxyOptions options, ProxyTransport transport, EngineClock clock) {
        return new ProxyEngine(Objects.requireNonNull(options, "options"), Objects.requireNonNull(transport, "transport"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The engine core for these options: its connection table starts small and grows (allocating,
     * rarely) up to {@link ProxyOptions#maxConnections()}.
     */
    static EngineCore engineCore(ProxyOptions options, EngineClock clock) {
        return new EngineCore(SchedulerContext.standard(), new ConnectionOptions(options.expireNodestConn(), false),
                ProxyOptions.INITIAL_CONNECTIONS, options.maxConnections(), clock);
    }

    /** The transport the engine runs on. */
    public ProxyTransport transport() {
        return core.transport;
    }

    @Override
    public String name() {
        return "proxy";
    }

    /**
     * Queues the commands on the loop, after every list queued before. A service a command adds is
     * listened for before the next command runs; one whose listener cannot bind is refused ("cannot
     * listen on TCP 127.0.0.1:80: Permission denied") and undone. A restored table
     * ({@link EngineCommand.LoadTable}) is taken whole even where listeners fail: those are logged
     * and tried again at the next change.
     */
    @Override
    public CompletableFuture<Void> apply(List<EngineCommand> list) {
        Objects.requireNonNull(list, "list");
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(done, () -> commands.submit(list, done));
        return done;
    }

    @Override
    public CompletableFuture<TableSnapshot> snapshot() {
        CompletableFuture<TableSnapshot> answer = new CompletableFuture<>();
        submit(answer, () -> answer.complete(core.engine.snapshot()));
        return answer;
    }

    /** One short loop task per page: a million entries never hold the data plane for long. */
    @Override
    public CompletableFuture<ConnectionPage> copyConnections(ConnectionPage page, int fromSlot) {
        Objects.requireNonNull(page, "page");
        CompletableFuture<ConnectionPage> answer = new CompletableFuture<>();
        submit(answer, () -> {
            core.engine.copyConnections(page, fromSlot);
            answer.complete(page);
        });
        return answer;
    }

    /** Reads the engine's own state on its loop (counters, sessions, listeners); copy out what is returned. */
    public <T> CompletableFuture<T> query(Function<EngineView, T> reader) {
        Objects.requireNonNull(reader, "reader");
        CompletableFuture<T> answer = new CompletableFuture<>();
        submit(answer, () -> answer.complete(reader.apply(new EngineView(core, listeners))));
        return answer;
    }

    /** Runs a task on the loop with the proxy's state (tests that need to set up a large table). */
    CompletableFuture<Void> onLoop(Consumer<ProxyCore> task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(done, () -> {
            task.accept(core);
            done.complete(null);
        });
        return done;
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

    private void tick() {
        core.tick();
        if (drained != null && core.tcpSessions() == 0) {
            drained.complete(null);
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
