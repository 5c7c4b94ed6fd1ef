package io.jlvs.proxy.header;

import io.jlvs.testkit.Prerequisites;

import io.jlvs.testkit.PortReservation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PROXY-protocol-reading server from Debian (nginx, haproxy) run as a child process on a
 * loopback port with its config and logs in a temp directory, stopped by its PID. A missing
 * binary skips the test with the reason, unless JLVS_REQUIRE_NETNS=1 (CI), where it fails.
 */
final class ExternalServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

    private final Process process;
    private final int port;
    private final Path directory;

    private ExternalServer(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** The binary's path, or the test is skipped (or, in CI, failed) with the reason. */
    static Path requireBinary(String name, String debianPackage) {
        for (String dir : SEARCH_PATH) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Prerequisites.require(false, name + " is not installed (Debian package " + debianPackage + "); .ci/run installs it");
        throw new IllegalStateException("unreachable");
    }

    /**
     * A loopback port held for the server until the test ends: nginx and HAProxy bind with
     * SO_REUSEADDR, so they can listen on it, and no bind to port 0 elsewhere can be given it.
     */
    static PortReservation reservePort() throws IOException {
        return PortReservation.on(InetAddress.ofLiteral("127.0.0.1"));
    }

    /**
     * Starts the command (which must stay in the foreground) and waits until the port accepts.
     * The config is written to the directory first; output goes to server.out there.
     */
    static ExternalServer start(Path directory, int port, List<String> command) throws IOException, InterruptedException {
        Path output = directory.resolve("server.out");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ExternalServer server = new ExternalServer(process, port, directory);
        try {
            server.awaitListening();
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    /** What the server printed, for failure messages. */
    String output() {
        try {
            return Files.readString(directory.resolve("server.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(process.info().command().orElse("server") + " exited with "
                        + process.exitValue() + ": " + output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + START_TIMEOUT
                            + ": " + output(), notYet);
                }
                Thread.sleep(20); // bounded wait for the server's socket, not test logic
            }
        }
    }

    /** Kills the process by its PID and waits for it. */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
