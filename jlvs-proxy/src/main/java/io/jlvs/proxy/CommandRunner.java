package io.jlvs.proxy;

import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.core.model.ServiceKey;
import io.netty.channel.ChannelFuture;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Applies the engine's command lists on its loop, one list at a time in the order they came. Each
 * command goes to the {@link ProxyCore}'s engine core; a service it adds gets its listener before
 * the next command runs, and a listener that cannot bind undoes the service and refuses the command
 * (the ones before it stay in effect). Between commands the loop serves traffic, so a long list
 * never holds the data plane. At the end of a list the listeners follow the table (deleted
 * services' listeners close, failed restored ones are tried again) and, with expire_nodest_conn,
 * the connections of deleted real servers are reset.
 */
final class CommandRunner {
    private final ProxyCore core;
    private final Listeners listeners;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean running;

    /** One list of commands, its progress and its outcome. */
    private static final class Pending {
        final List<EngineCommand> commands;
        final CompletableFuture<Void> done;
        int next;

        Pending(List<EngineCommand> commands, CompletableFuture<Void> done) {
            this.commands = commands;
            this.done = done;
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
            run(pending);
        }
    }

    private void run(Pending pending) {
        while (pending.next < pending.commands.size()) {
            int index = pending.next;
            EngineCommand command = pending.commands.get(index);
            try {
                core.engine.apply(command);
            } catch (EngineRejection e) {
                finish(pending, e.at(index));
                return;
            } catch (RuntimeException e) {
                finish(pending, new EngineRejection("the proxy engine failed: " + e, index, e));
                return;
            }
            pending.next++;
            if (command instanceof EngineCommand.AddService add) {
                ChannelFuture bind = listeners.bind(add.spec().key());
                if (bind != null) {
                    bind.addListener(f -> bound(pending, index, add.spec().key(), f.isSuccess(), f.cause()));
                    return; // continues when the bind is done
                }
            }
        }
        finish(pending, null);
    }

    /** A new service's listener is bound, or it is not and the service is undone. */
    private void bound(Pending pending, int index, ServiceKey key, boolean success, Throwable cause) {
        if (success) {
            run(pending);
            return;
        }
        core.engine.apply(new EngineCommand.DeleteService(key));
        finish(pending, new EngineRejection("cannot listen on " + Listeners.describe((ServiceKey.Address) key) + ": "
                + Listeners.reason(cause), index, cause));
    }

    private void finish(Pending pending, EngineRejection failure) {
        core.expireNodestSessions();
        List<ChannelFuture> binds = listeners.reconcile();
        whenAll(binds, () -> {
            if (failure != null) {
                pending.done.completeExceptionally(failure);
            } else {
                pending.done.complete(null);
            }
            startNext();
        });
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
}
