package io.jlvs.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The jlvs command in child JVMs, for tests that need a real process (signals, descriptor limits,
 * capabilities): {@code jlvs daemon} awaited until ready, {@code jlvs adm} run to its end. Closing
 * kills every process it started, by its PID.
 */
public final class DaemonProcesses implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 120;

    private final List<Process> started = new ArrayList<>();

    /** A running daemon and every line it has written so far (stdout and stderr together). */
    public record Daemon(Process process, List<String> output) {
        public long linesContaining(String text) {
            return output.stream().filter(line -> line.contains(text)).count();
        }

        /** Waits up to seconds for a line containing text; returns how many there are then. */
        public long awaitLine(String text, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (linesContaining(text) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return linesContaining(text);
        }
    }

    /** How a {@code jlvs adm} run ended. */
    public record Adm(int status, String out, String err) {
    }

    /** The java command and class path that run jlvs from this test's classes. */
    public static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "-cp", classPath, Main.class.getName());
    }

    /** Starts {@code jlvs daemon --socket SOCKET --state-dir STATE [more]} in a child JVM and waits for its ready line. */
    Process start(Path socket, Path state, String... more) throws IOException, InterruptedException {
        return daemon(List.of(), socket, state, more).process();
    }

    /**
     * Starts {@code jlvs daemon --socket SOCKET --state-dir STATE [more]} behind prefix (such as
     * prlimit and its options) and waits for its ready line.
     */
    public Daemon daemon(List<String> prefix, Path socket, Path state, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand());
        command.addAll(List.of("daemon", "--socket", socket.toString(), "--state-dir", state.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> collect(process.getInputStream(), output));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(line -> line.startsWith(DaemonCommand.READY))) {
                return new Daemon(process, output);
            }
            if (!process.isAlive()) {
                process.waitFor();
                Thread.sleep(100);
                fail("jlvs daemon exited with " + process.exitValue() + " before it was ready:\n"
                        + String.join("\n", output));
            }
            Thread.sleep(20);
        }
        fail("jlvs daemon was not ready within " + START_TIMEOUT_SECONDS + " s:\n" + String.join("\n", output));
        return null;
    }

    /** Runs {@code jlvs adm args} behind prefix with more environment variables, to its end, stdin empty. */
    public Adm adm(Map<String, String> environment, List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand());
        command.add("adm");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        List<String> out = new CopyOnWriteArrayList<>();
        List<String> err = new CopyOnWriteArrayList<>();
        Thread outReader = Thread.ofVirtual().start(() -> collect(process.getInputStream(), out));
        Thread errReader = Thread.ofVirtual().start(() -> collect(process.getErrorStream(), err));
        if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            fail("jlvs adm " + String.join(" ", args) + " did not end within " + START_TIMEOUT_SECONDS + " s");
        }
        outReader.join(10_000);
        errReader.join(10_000);
        return new Adm(process.exitValue(), lines(out), lines(err));
    }

    private static String lines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private static void collect(InputStream stream, List<String> into) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                into.add(line);
            }
        } catch (IOException ignored) {
            // The child died; its exit status tells the test.
        }
    }

    /** Kills every process still running, by PID (SIGKILL ends a SIGSTOPped one too), and waits for it. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
