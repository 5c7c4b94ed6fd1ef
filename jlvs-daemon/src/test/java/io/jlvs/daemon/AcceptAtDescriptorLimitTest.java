package io.jlvs.daemon;

import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jlvsd out of descriptors (EMFILE): the accept loop backs off and logs the episode once instead
 * of spinning (7 million log lines in 40 s), and serves again once descriptors come back.
 */
class AcceptAtDescriptorLimitTest {
    /**
     * The daemon's descriptor limit: room for the JVM, few to spare, so it runs out before it
     * reaches its cap on control connections.
     */
    private static final int DESCRIPTOR_LIMIT = ControlSocketServer.MAX_CLIENTS;
    private static final long EPISODE_MILLIS = 3_000;
    private static final String FAILING = "accepting control connections fails";
    /** In every accept failure's log line, before the fix and after. */
    private static final String EMFILE = "Too many open files";
    private static final String WORKS_AGAIN = "accepting control connections works again";

    @TempDir
    Path dir;

    @Test
    void outOfDescriptorsItBacksOffLogsOnceAndServesAgainWhenTheyComeBack() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")),
                "prlimit (util-linux) is needed to lower the daemon's descriptor limit");
        Path socket = dir.resolve("jlvsd.sock");
        List<SocketChannel> held = new ArrayList<>();
        try (DaemonProcesses processes = new DaemonProcesses()) {
            DaemonProcesses.Daemon daemon = processes.daemon(
                    List.of("prlimit", "--nofile=" + DESCRIPTOR_LIMIT + ":" + DESCRIPTOR_LIMIT, "--"), socket,
                    dir.resolve("state"), "--mode", "none");
            try {
                // Connect until the daemon, out of descriptors, stops accepting: its queue then stays full.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (daemon.linesContaining(EMFILE) == 0 && held.size() < 2 * DESCRIPTOR_LIMIT
                        && System.nanoTime() < deadline) {
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.configureBlocking(false);
                    try {
                        channel.connect(UnixDomainSocketAddress.of(socket));
                        held.add(channel);
                    } catch (IOException queueFull) {
                        channel.close();
                        Thread.sleep(10);
                    }
                }
                assertTrue(daemon.awaitLine(EMFILE, 10) > 0, "the daemon runs out of descriptors:\n" + tail(daemon));
                int linesAtStart = daemon.output().size();
                Thread.sleep(EPISODE_MILLIS);

                int logged = daemon.output().size() - linesAtStart;
                assertTrue(logged <= 1, "lines logged in " + EPISODE_MILLIS + " ms: " + logged + "\n" + tail(daemon));
                assertEquals(1, daemon.linesContaining(FAILING), tail(daemon));
            } finally {
                for (SocketChannel channel : held) {
                    channel.close();
                }
            }

            try (SocketControlClient client = new SocketControlClient(socket)) {
                assertEquals(new Reply.CurrentTimeouts(Timeouts.DEFAULT), client.send(new Query.GetTimeouts()));
            }
            assertEquals(1, daemon.awaitLine(WORKS_AGAIN, 10), tail(daemon));
        }
    }

    private static String tail(DaemonProcesses.Daemon daemon) {
        List<String> output = daemon.output();
        return String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size()));
    }
}
