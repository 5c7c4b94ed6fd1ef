package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.ControlClient;
import io.jlvs.control.api.Reply;

import java.io.IOException;
import java.util.List;

/**
 * One Batch of a -R sent on a thread of its own, so that jlvsd applies it while the next lines
 * are parsed; {@link #reply} waits for its answer. Only one is in flight at a time, and the
 * caller sends nothing else until it has the reply, so the order of the lines is kept.
 */
final class BatchInFlight {
    private final List<Command> commands;
    private final Thread sender;
    private Reply reply;
    private IOException failure;
    private RuntimeException unexpected;

    private BatchInFlight(ControlClient client, List<Command> commands) {
        this.commands = commands;
        this.sender = new Thread(() -> send(client), "jlvs-adm-restore");
        // a usage error on the main thread ends the program at once, as it would without this thread
        sender.setDaemon(true);
    }

    /** Starts sending the commands as one Batch. */
    static BatchInFlight start(ControlClient client, List<Command> commands) {
        BatchInFlight batch = new BatchInFlight(client, List.copyOf(commands));
        batch.sender.start();
        return batch;
    }

    private void send(ControlClient client) {
        try {
            reply = client.send(new Command.Batch(commands));
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            unexpected = e;
        }
    }

    /** The commands sent. */
    List<Command> commands() {
        return commands;
    }

    /** The batch, as the request jlvs adm names when it cannot reach jlvsd. */
    Command.Batch request() {
        return new Command.Batch(commands);
    }

    /**
     * jlvsd's reply, once it came.
     *
     * @throws IOException when the client could not reach jlvsd (as {@link ControlClient#send} throws it)
     */
    Reply reply() throws IOException {
        boolean interrupted = false;
        while (true) {
            try {
                sender.join();
                break;
            } catch (InterruptedException e) {
                // the batch is on its way: its reply is still wanted
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        if (unexpected != null) {
            throw unexpected;
        }
        return reply;
    }
}
