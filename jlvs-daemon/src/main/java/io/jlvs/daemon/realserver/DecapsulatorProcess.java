package io.jlvs.daemon.realserver;

import io.jlvs.cli.ipvsadm.InetText;
import io.jlvs.daemon.Main;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The decapsulator as a detached process: started as {@code jlvs rs-decapsulator} in the JVM and
 * class path of this one, in a session of its own (setsid) with its output in its own log file,
 * awaited until its PID file says it is ready; ended by PID, after checking that the PID is still
 * a decapsulator's.
 */
final class DecapsulatorProcess {
    static final String COMMAND = "rs-decapsulator";
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path pidFile;
    private final Path logFile;

    DecapsulatorProcess(Path runDirectory) {
        this.pidFile = runDirectory.resolve("rs-decapsulator.pid");
        this.logFile = runDirectory.resolve("rs-decapsulator.log");
    }

    /** Starts it and returns its PID once it is ready; on failure, the log's last lines say why. */
    long start(DecapsulatorRunning decapsulator) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Files.deleteIfExists(pidFile);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IOException("cannot tell which java runs this process, to start the decapsulator")));
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx64m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), COMMAND,
                "--device", decapsulator.device(), "--pid-file", pidFile.toString()));
        for (InetAddress vip : decapsulator.vips()) {
            command.addAll(List.of("--vip", InetText.format(vip)));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Long pid = readyPid();
            if (pid != null) {
                return pid;
            }
            if (!process.isAlive()) {
                throw new IOException("the decapsulator could not start: " + lastLines() + " (log " + logFile + ")");
            }
            sleep();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IOException("the decapsulator was not ready within " + READY_TIMEOUT_SECONDS + " s (log " + logFile
                + ")");
    }

    /** The PID in the PID file, which the decapsulator writes once ready, or null. */
    private Long readyPid() throws IOException {
        try {
            String text = Files.readString(pidFile).strip();
            return text.isEmpty() ? null : Long.parseLong(text);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** Whether pid is a running decapsulator (not a process that got its number since). */
    static boolean running(long pid) {
        return process(pid).isPresent();
    }

    private static Optional<ProcessHandle> process(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().arguments().map(List::of).orElse(List.of()).contains(COMMAND));
    }

    /** Ends it (SIGTERM, SIGKILL after 10 s) and waits until it is gone, with its TUN device. */
    void stop(long pid) throws IOException {
        Optional<ProcessHandle> handle = process(pid);
        if (handle.isPresent()) {
            handle.get().destroy();
            try {
                handle.get().onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                handle.get().destroyForcibly();
                awaitExit(handle.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("waiting for the decapsulator (pid " + pid + ") to end failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the decapsulator (pid " + pid + ") ends");
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static void awaitExit(ProcessHandle handle) throws IOException {
        try {
            handle.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the decapsulator (pid " + handle.pid() + ") did not end after SIGKILL", e);
        }
    }

    private String lastLines() throws IOException {
        if (!Files.exists(logFile)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the decapsulator");
        }
    }
}
