package io.jlvs.daemon;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.jlvs.daemon.DaemonFixtures.ok;
import static io.jlvs.daemon.DaemonFixtures.real;
import static io.jlvs.daemon.DaemonFixtures.service;
import static io.jlvs.daemon.DaemonFixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** jlvsd as a real process: killed with SIGKILL, restarted on the same state directory, every rule back. */
class JlvsdProcessTest {
    /** How a JVM reports a child killed by signal N: 128 + N. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;
    private static final int KILLED_BY_SIGTERM = 128 + 15;
    private static final long START_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @Test
    void aDaemonKilledWithSigkillComesBackWithEveryRule() throws Exception {
        Path socket = dir.resolve("jlvsd.sock");
        Path state = dir.resolve("state");
        ServiceKey web = tcp("10.0.0.1", 80);
        ServiceKey dns = new ServiceKey.Address(Protocol.UDP, InetAddress.ofLiteral("10.0.0.2"), 53);
        List<Request> queries = List.of(new Query.GetServices(null), new Query.GetTimeouts(), new Query.GetDaemons());
        try {
            Process first = startDaemon(socket, state);
            List<Reply> before = new ArrayList<>();
            try (SocketControlClient client = new SocketControlClient(socket)) {
                ok(client, new Command.AddService(service(web)));
                ok(client, new Command.AddDest(web, real("192.168.1.1", 80, 1)));
                ok(client, new Command.AddDest(web, real("192.168.1.2", 80, 3)));
                ok(client, new Command.AddService(service(dns)));
                ok(client, new Command.AddDest(dns, real("192.168.1.3", 53, 1)));
                ok(client, new Command.EditDest(dns,
                        DestinationSpec.of(InetAddress.ofLiteral("192.168.1.3"), 53, ForwardMethod.DROUTE, 9)));
                ok(client, new Command.SetTimeouts(new Timeouts(600, 0, 45)));
                ok(client, new Command.StartDaemon(new SyncDaemonSpec(SyncDaemonSpec.State.BACKUP, "lo", 5, 0, "", 0, 0)));
                for (Request query : queries) {
                    before.add(client.send(query));
                }
            }
            assertEquals(2, ((Reply.Services) before.getFirst()).services().size());

            first.destroyForcibly();
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the killed daemon is gone");
            assertEquals(KILLED_BY_SIGKILL, first.exitValue(), "destroyForcibly sends SIGKILL on Linux");
            assertTrue(Files.exists(socket), "a SIGKILLed daemon cannot remove its socket");

            Process second = startDaemon(socket, state);
            try (SocketControlClient client = new SocketControlClient(socket)) {
                List<Reply> after = new ArrayList<>();
                for (Request query : queries) {
                    after.add(client.send(query));
                }
                assertEquals(before, after);
            }

            second.destroy();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the daemon");
            assertEquals(KILLED_BY_SIGTERM, second.exitValue());
            assertFalse(Files.exists(socket), "on SIGTERM the daemon removes its socket");
        } finally {
            for (Process process : started) {
                ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts {@code jlvs daemon} in a child JVM and waits for its ready line. */
    private Process startDaemon(Path socket, Path state) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-cp", classPath, "io.jlvs.daemon.Main", "daemon",
                "--socket", socket.toString(), "--state-dir", state.toString())
                .redirectErrorStream(true)
                .start();
        started.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The child died; the wait below reports it.
            }
        });
        StringBuilder output = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                output.append(line).append('\n');
                if (line.startsWith(DaemonCommand.READY)) {
                    return process;
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                fail("jlvs daemon exited with " + process.exitValue() + " before it was ready:\n" + output);
            }
        }
        fail("jlvs daemon was not ready within " + START_TIMEOUT_SECONDS + " s:\n" + output);
        return process;
    }
}
