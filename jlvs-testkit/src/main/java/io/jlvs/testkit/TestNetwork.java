package io.jlvs.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Network namespaces, veth pairs and processes that one test creates and removes: every name
 * carries a prefix unique to this JVM and this instance ("jt" + pid + letter), so tests running
 * at once never meet, and {@link #close()} kills what it started (by PID) and deletes its
 * namespaces. Needs root and iproute2; {@link #open} skips (or fails under JLVS_REQUIRE_NETNS=1)
 * when they are missing.
 */
public final class TestNetwork implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private TestNetwork(String prefix) {
        this.prefix = prefix;
    }

    /** A new test network, or the test skipped with the reason when this machine cannot make one. */
    public static TestNetwork open() {
        Prerequisites.require(isRoot(), "network namespaces need root (running as uid " + uid() + ")");
        Prerequisites.require(run(List.of("ip", "netns", "list")).exitCode() == 0, "iproute2's ip is missing");
        int n = INSTANCES.getAndIncrement();
        return new TestNetwork("jt" + ProcessHandle.current().pid() + (char) ('a' + n % 26) + (n / 26 == 0 ? "" : n / 26));
    }

    /** Whether this process runs as root. */
    public static boolean isRoot() {
        return "0".equals(uid());
    }

    private static String uid() {
        Result id = run(List.of("id", "-u"));
        return id.exitCode() == 0 ? id.output().strip() : "unknown";
    }

    /** The prefix of every name this network makes (at most 12 characters). */
    public String prefix() {
        return prefix;
    }

    /** Creates namespace prefix + "-" + name with its loopback up, and returns its full name. */
    public String namespace(String name) {
        String full = prefix + "-" + name;
        check(List.of("ip", "netns", "add", full));
        namespaces.add(full);
        exec(full, "ip", "link", "set", "lo", "up");
        return full;
    }

    /**
     * A veth pair: end a in namespace nsA (null: this process's namespace), end b in nsB, both up.
     * Interface names are at most 15 characters, as the kernel requires.
     */
    public void veth(String nsA, String ifA, String nsB, String ifB) {
        check(List.of("ip", "link", "add", ifA, "type", "veth", "peer", "name", ifB));
        if (nsA != null) {
            check(List.of("ip", "link", "set", ifA, "netns", nsA));
        }
        if (nsB != null) {
            check(List.of("ip", "link", "set", ifB, "netns", nsB));
        }
        exec(nsA, "ip", "link", "set", ifA, "up");
        exec(nsB, "ip", "link", "set", ifB, "up");
    }

    /** Runs a command in a namespace (null: this process's) and returns its output; fails the test on a non-zero exit. */
    public String exec(String namespace, String... command) {
        return check(inNamespace(namespace, command)).output();
    }

    /** Runs a command in a namespace and returns its exit code and output, whatever the exit. */
    public Result run(String namespace, String... command) {
        return run(inNamespace(namespace, command));
    }

    /** Starts a long-running command in a namespace; {@link #close()} kills it by PID. */
    public Process start(String namespace, String... command) {
        try {
            Process process = new ProcessBuilder(inNamespace(namespace, command)).redirectErrorStream(true).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new AssertionError("cannot start " + String.join(" ", command), e);
        }
    }

    /** Kills the processes started here (their children too) and deletes the namespaces. */
    @Override
    public void close() {
        for (Process process : processes.reversed()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (String namespace : namespaces.reversed()) {
            run(List.of("ip", "netns", "del", namespace));
        }
        namespaces.clear();
    }

    private static List<String> inNamespace(String namespace, String... command) {
        List<String> argv = new ArrayList<>();
        if (namespace != null) {
            argv.addAll(List.of("ip", "netns", "exec", namespace));
        }
        argv.addAll(List.of(command));
        return argv;
    }

    /** A finished command: its exit code and its output (stdout and stderr together). */
    public record Result(int exitCode, String output) {
    }

    private static Result check(List<String> argv) {
        Result result = run(argv);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + result.exitCode() + ": " + result.output());
        }
        return result;
    }

    private static Result run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out after 60 s)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
