package io.jlvs.daemon;

import io.jlvs.io.linux.DescriptorLimit;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.proxy.ProxyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of("sh", "-c", "ulimit -Sn " + soft + " && exec \"$0\" \"$@\"", java,
                "-XX:-MaxFDLimit", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "io.jlvs.daemon.Main",
                "daemon", "--socket", dir.resolve("jlvsd.sock").toString(), "--state-dir", dir.resolve("state").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = awaitReady(process);

            long expectedSockets = hard - DescriptorLimitAtStart.RESERVE;
            assertTrue(output.contains("descriptor limit " + hard + " (raised from " + soft + " to the hard limit): room"
                    + " for " + expectedSockets / 2 + " proxied TCP connections"), output);
            assertEquals(List.of(hard, hard), limitsOf(process.pid()));
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
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

    /** Waits for the daemon's ready line; returns what it printed up to it. */
    private static String awaitReady(Process process) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child died; the wait below reports it
            }
        });
        StringBuilder output = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                output.append(line).append('\n');
                if (line.startsWith(DaemonCommand.READY)) {
                    return output.toString();
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                fail("jlvs daemon exited with " + process.exitValue() + " before it was ready:\n" + output);
            }
        }
        fail("jlvs daemon was not ready within " + START_TIMEOUT_SECONDS + " s:\n" + output);
        return output.toString();
    }
}
