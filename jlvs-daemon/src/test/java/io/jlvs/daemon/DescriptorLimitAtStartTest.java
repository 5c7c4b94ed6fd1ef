package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.io.linux.DescriptorLimit;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.proxy.ProxyOptions;
import io.jlvs.testkit.PortReservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** jlvsd raises its soft RLIMIT_NOFILE to the hard limit at start and budgets the proxy engine's sockets. */
class DescriptorLimitAtStartTest {
    private static final long START_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "a soft limit of {0} leaves the engine {1} sockets")
    @CsvSource({
            "1048576, 1048320",
            "1024, 768",
            "300, 150",
            "3, 2",
    })
    void theEngineGetsAllButTheReserve(long softLimit, int sockets) {
        assertEquals(sockets, DescriptorLimitAtStart.socketBudget(softLimit));
    }

    @Test
    void noLimitIsNoBudget() {
        assertEquals(ProxyOptions.NO_SOCKET_BUDGET, DescriptorLimitAtStart.socketBudget(DescriptorLimit.UNLIMITED));
    }

    /**
     * A child jlvsd started with a low soft limit (and HotSpot's own raise, MaxFDLimit, turned off)
     * runs with the hard limit and says how many connections that allows.
     */
    @Test
    void jlvsdRaisesItsSoftLimitToTheHardLimitAndLogsWhatItAllows() throws Exception {
        assumeTrue(LinuxNative.isAvailable(), () -> "no Linux bindings: " + LinuxNative.unavailabilityCause());
        long hard = DescriptorLimit.current().hard();
        assumeTrue(hard != DescriptorLimit.UNLIMITED && hard > 64, "a hard limit to raise to");
        long soft = hard > 1024 ? 512 : hard / 2;
        try (Child jlvsd = Child.start(dir, "ulimit -Sn " + soft)) {
            String output = jlvsd.awaitReady();

            long expectedSockets = hard - DescriptorLimitAtStart.RESERVE;
            assertTrue(output.contains("descriptor limit " + hard + " (raised from " + soft + " to the hard limit): room"
                    + " for " + expectedSockets / 2 + " proxied TCP connections"), output);
            assertEquals(List.of(hard, hard), limitsOf(jlvsd.pid()));
        }
    }

    /**
     * At a limit of 400 descriptors the engine's budget is 200 sockets: the listener and 99
     * connections. Of 200 clients that hold on (400 sockets, past the limit without a budget) the
     * rest are reset, the control socket still answers, the log says so once and never "Too many
     * open files", and clients are served again once the others close.
     */
    @Test
    void atALowLimitClientsBeyondTheBudgetAreResetAndJlvsdKeepsServing() throws Exception {
        assumeTrue(LinuxNative.isAvailable(), () -> "no Linux bindings: " + LinuxNative.unavailabilityCause());
        String vip = "127.0.41.1";
        List<Socket> clients = new ArrayList<>();
        try (NamedServer real = new NamedServer("a", "127.0.41.2", false);
             PortReservation reserved = PortReservation.on(InetAddress.ofLiteral(vip));
             Child jlvsd = Child.start(dir, "ulimit -n 400")) {
            String service = reserved.endpoint();
            jlvsd.awaitReady();
            try (SocketControlClient control = new SocketControlClient(jlvsd.socket())) {
                adm(control, "-A", "-t", service, "-s", "rr");
                adm(control, "-a", "-t", service, "-r", real.endpoint(), "-m");

                int served = 0;
                for (int i = 0; i < 200; i++) {
                    Socket client = new Socket();
                    clients.add(client);
                    if (nameOrReset(client, reserved.socketAddress()).equals("a")) {
                        served++;
                    }
                }

                assertEquals(99, served);
                String listing = adm(control, "-Ln");
                assertEquals("-> " + real.endpoint() + " Masq 1 99 0", listing.lines()
                        .filter(line -> line.contains(real.endpoint())).findFirst().orElse(listing).trim()
                        .replaceAll("\\s+", " "), "the control socket answers while the budget is full");
                for (Socket client : clients) {
                    client.close();
                }
                assertEquals("a", awaitServed(reserved.socketAddress()));
            }
            String log = jlvsd.output();
            assertEquals(1, log.split("descriptor budget reached", -1).length - 1, log);
            assertFalse(log.contains("Too many open files"), log);
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    private static String adm(SocketControlClient control, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Ipvsadm.run(args, control, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Connects and reads the real server's name, or "reset" when jlvsd reset the client. */
    private static String nameOrReset(Socket client, SocketAddress service) throws IOException {
        client.setSoTimeout(10_000);
        try {
            client.connect(service, 5_000);
            String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return line == null ? "closed" : line;
        } catch (SocketException e) {
            return "reset";
        }
    }

    /** Connects until a client is served again (the closed clients' sockets close as jlvsd sees them). */
    private static String awaitServed(SocketAddress service) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket client = new Socket()) {
                String answer = nameOrReset(client, service);
                if (!answer.equals("reset") || System.nanoTime() > deadline) {
                    return answer;
                }
            }
            Thread.sleep(20);
        }
    }

    /** Soft and hard "Max open files" of a process. */
    private static List<Long> limitsOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] columns = line.substring("Max open files".length()).trim().split("\\s+");
                return List.of(Long.parseLong(columns[0]), Long.parseLong(columns[1]));
            }
        }
        throw new AssertionError("no 'Max open files' in /proc/" + pid + "/limits");
    }

    /**
     * {@code jlvs daemon} in a child JVM under a shell limit command, with HotSpot's own raise of the
     * soft limit (MaxFDLimit) off; its output is collected; closing kills it by PID.
     */
    private record Child(Process process, Path socket, List<String> lines) implements AutoCloseable {

        static Child start(Path dir, String limit) throws IOException {
            List<String> java = DaemonProcesses.javaCommand();
            Path socket = dir.resolve("jlvsd.sock");
            List<String> command = new ArrayList<>(List.of("sh", "-c", limit + " && exec \"$0\" \"$@\"", java.getFirst(),
                    "-XX:-MaxFDLimit", "--enable-native-access=ALL-UNNAMED"));
            command.addAll(java.subList(1, java.size()));
            command.addAll(List.of("daemon", "--socket", socket.toString(), "--state-dir", dir.resolve("state").toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Child child = new Child(process, socket, Collections.synchronizedList(new ArrayList<>()));
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        child.lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child died; awaitReady reports it
                }
            });
            return child;
        }

        long pid() {
            return process.pid();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines) + "\n";
            }
        }

        /** Waits for the daemon's ready line; returns what it printed so far. */
        String awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                String output = output();
                if (output.contains("\n" + DaemonCommand.READY) || output.startsWith(DaemonCommand.READY)) {
                    return output;
                }
                if (!process.isAlive()) {
                    Thread.sleep(100); // the reader's last lines
                    fail("jlvs daemon exited with " + process.exitValue() + " before it was ready:\n" + output());
                }
                Thread.sleep(20);
            }
            fail("jlvs daemon was not ready within " + START_TIMEOUT_SECONDS + " s:\n" + output());
            return output();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
