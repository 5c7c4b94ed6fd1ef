package io.jlvs.proxy;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** The test JVM's open file descriptors, counted in /proc/self/fd (Linux; elsewhere the test is skipped). */
final class OpenDescriptors {
    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenDescriptors() {
    }

    /** How many descriptors the process holds now. */
    static long count() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FDS), "no /proc/self/fd to count descriptors in");
        try (Stream<Path> entries = Files.list(FDS)) {
            return entries.count() - 1; // the directory stream's own descriptor
        }
    }

    /**
     * Waits (bounded) until at most this many are open: sockets the other side closes last (the test's
     * real servers) may still be closing when the engine is done.
     */
    static void awaitAtMost(long most, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long now;
        while ((now = count()) > most) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("open descriptors: " + now + ", expected at most " + most);
            }
            Thread.sleep(20);
        }
    }
}
