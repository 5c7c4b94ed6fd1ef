package io.jlvs.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** System.out and System.err redirected into memory for a test that runs a command in-process, until close(). */
public final class CapturedStdio implements AutoCloseable {
    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CapturedStdio() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static CapturedStdio start() {
        return new CapturedStdio();
    }

    /** What was printed to System.out so far (UTF-8). */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What was printed to System.err so far (UTF-8). */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was captured so far. */
    public void reset() {
        out.reset();
        err.reset();
    }

    /** Puts the original streams back. */
    @Override
    public void close() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }
}
