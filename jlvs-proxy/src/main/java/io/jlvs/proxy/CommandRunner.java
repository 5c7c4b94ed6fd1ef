package io.jlvs.proxy;

import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.core.model.ServiceKey;
import io.netty.util.concurrent.Future;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Applies the engine's command lists on its loop, one list at a time in the order they came:
 * <ol>
 *   <li>the listeners of the services the list adds are bound first, all at once (a client that
 *       reaches one before its service exists is reset, as the kernel would have no service
 *       either);</li>
 *   <li>then the commands go to the engine core in order, {@link #COMMANDS_PER_TASK} per loop task
 *       so a 100,000-line ipvsadm -R never holds the data plane for long, up to the first service
 *       whose listener could not bind: that command is refused ("cannot listen on TCP
 *       127.0.0.1:80: Permission denied") and it and the rest are not applied, while the ones
 *       before it stay;</li>
 *   <li>at the end the listeners follow the table (listeners of services not in it close, failed
 *       listeners of a restored table are tried again and logged) and, with expire_nodest_conn,
 *       the connections of deleted real servers are reset.</li>
 * </ol>
 * A restored table ({@link EngineCommand.LoadTable}) binds in the last step, so a listener that
 * fails there is logged, not refused.
 */
final class CommandRunner {
    /** Commands applied per loop task. */
    static final int COMMANDS_PER_TASK = 4096;

    private final ProxyCore core;
    private final Listeners listeners;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean running;

    /** One list of commands, its progress and its outcome. */
    private static final class Pending {
        final List<EngineCommand> commands;
        final CompletableFuture<Void> done;
        int next;
        /** The first command whose listener could not bind (commands.size() when none). */
        int stopAt;
        EngineRejection bindFailure;

        Pending(List<EngineCommand> commands, CompletableFuture<Void> done) {
            this.commands = commands;
            this.done = done;
            this.stopAt = commands.size();
        }
    }

    CommandRunner(ProxyCore core, Listeners listeners) {
        this.core = core;
        this.listeners = listeners;
    }

    /** Queues a list (on the loop); done completes when it has run. */
    void submit(List<EngineCommand> commands, CompletableFuture<Void> done) {
        queue.add(new Pending(List.copyOf(commands), done));
        if (!running) {
            startNext();
        }
    }

    private void startNext() {
        Pending pending = queue.poll();
        running = pending != null;
        if (pending != null) {
            bindNewServices(pending);
        }
    }

    private void bindNewServices(Pending pending) {
        List<Future<?>> binds = new ArrayList<>();
        for (int i = 0; i < pending.commands.size(); i++) {
            if (pending.commands.get(i) instanceof EngineCommand.AddService add) {
                ServiceKey key = add.spec().key();
                Future<?> bind = listeners.bind(key);
                if (bind != null) {
                    int index = i;
                    bind.addListener(f -> {
                        if (!f.isSuccess() && index < pending.stopAt) {
                            pending.stopAt = index;
                            pending.bindFailure = new EngineRejection("cannot listen on "
                                    + EngineCore.describe(key) + ": " + Listeners.reason(f.cause()),
                                    index, f.cause());
                        }
                    });
                    binds.add(bind);
                }
            }
        }
        whenAll(binds, () -> apply(pending));
    }

    private void apply(Pending pending) {
        int limit = Math.min(pending.stopAt, pending.next + COMMANDS_PER_TASK);
        while (pending.next < limit) {
            int index = pending.next;
            try {
                core.engine.apply(pending.commands.get(index));
            } catch (EngineRejection e) {
                finish(pending, e.at(index));
                return;
            } catch (RuntimeException e) {
                finish(pending, new EngineRejection("the proxy engine failed: " + e, index, e));
                return;
            }
            pending.next++;
        }
        if (pending.next == pending.stopAt) {
            finish(pending, pending.bindFailure);
        } else {
            try {
                core.loop.execute(() -> apply(pending));
            } catch (RejectedExecutionException e) {
                pending.done.completeExceptionally(new IllegalStateException("the proxy engine is closed", e));
            }
        }
    }

    private void finish(Pending pending, EngineRejection failure) {
        core.expireNodestSessions();
        whenAll(listeners.reconcile(), () -> {
            if (failure != null) {
                pending.done.completeExceptionally(failure);
            } else {
                pending.done.complete(null);
            }
            startNext();
        });
    }

    private static void whenAll(List<Future<?>> futures, Runnable then) {
        if (futures.isEmpty()) {
            then.run();
            return;
        }
        int[] left = {futures.size()};
        for (Future<?> future : futures) {
            future.addListener(f -> {
                if (--left[0] == 0) {
                    then.run();
                }
            });
        }
    }
}
