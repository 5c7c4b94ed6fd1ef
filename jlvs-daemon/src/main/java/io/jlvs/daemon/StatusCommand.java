package io.jlvs.daemon;

import io.jlvs.control.api.EngineCounter;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.socket.SocketControlClient;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code jlvs status}: what jlvsd's data plane did with the traffic, from its own counters (for
 * the packet engine: frames received, forwarded each way, left to the kernel, and dropped by reason).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show jlvsd's data plane and its counters: frames forwarded, left to the kernel and dropped"
                + " by reason (packet mode).")
final class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (SocketControlClient client = SocketControlClient.forDefaultSocket()) {
            Reply reply = client.send(new Query.GetEngineCounters());
            switch (reply) {
                case Reply.EngineCounters counters -> {
                    out.println("data plane: " + counters.dataPlane());
                    int width = counters.counters().stream().mapToInt(c -> c.name().length()).max().orElse(0);
                    for (EngineCounter counter : counters.counters()) {
                        out.printf("  %-" + width + "s  %d%n", counter.name(), counter.value());
                    }
                    return 0;
                }
                case Reply.Failure failure -> {
                    System.err.println("jlvs status: " + failure.message());
                    return 1;
                }
                default -> {
                    System.err.println("jlvs status: jlvsd answered with " + reply.getClass().getSimpleName());
                    return 1;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("jlvs status: " + e.getMessage());
            return 2;
        }
    }
}
