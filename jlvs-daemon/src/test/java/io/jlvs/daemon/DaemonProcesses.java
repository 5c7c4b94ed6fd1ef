package io.jlvs.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** {@code jlvs daemon} processes a test starts, each awaited until ready and killed by its PID at close. */
final class DaemonProcesses implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 120;

    private final List<Process> started = new ArrayList<>();

    /** The java command and class path that run jlvs from this test's classes. */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "-cp", classPath, Main.class.getName());
    }

    /** Starts {@code jlvs daemon --socket SOCKET --state-dir STATE [more]} in a child JVM and waits for its ready line. */
    Process start(Path socket, Path state, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("daemon", "--socket", socket.toString(), "--state-dir", state.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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

    /** Kills every daemon still running, by PID, and waits for it. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
