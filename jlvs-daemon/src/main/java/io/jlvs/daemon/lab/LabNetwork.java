package io.jlvs.daemon.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lab's namespaces and the processes started in them: runs each {@link Step}, printed first as
 * a shell command a reader can type, and on {@link #close()} stops what it started (by PID), kills
 * whatever else still runs in its namespaces and deletes them. Every wait is bounded.
 */
final class LabNetwork implements AutoCloseable {
    /** How long one foreground command may take. */
    static final long COMMAND_SECONDS = 120;
    private static final long STOP_SECONDS = 15;

    private final String prefix;
    private final Path work;
    private final PrintStream out;
    private final JlvsLauncher jlvs;
    private final Map<String, String> environment;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Started> started = new ArrayList<>();

    /** A background process, what it is, and where its output goes. */
    record Started(String what, Process process, Path log) {
    }

    /** A finished command: its exit status and output (stdout and stderr together). */
    record Result(int status, String output) {
    }

    LabNetwork(String prefix, Path work, PrintStream out, JlvsLauncher jlvs, Map<String, String> environment) {
        this.prefix = prefix;
        this.work = work;
        this.out = out;
        this.jlvs = jlvs;
        this.environment = Map.copyOf(environment);
    }

    String namespace(String role) {
        return LabTopology.namespace(prefix, role);
    }

    synchronized List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    synchronized List<Started> started() {
        return List.copyOf(started);
    }

    /** The command as a reader types it: ip netns exec NS ... (jlvs standing for this jlvs). */
    String display(Step step) {
        String command = String.join(" ", step.argv());
        return step.role() == null ? command : "ip netns exec " + namespace(step.role()) + " " + command;
    }

    /** Prints the step, runs it, prints its output; a non-zero exit (or none within 120 s) is a LabFailure. */
    String run(Step step) throws LabFailure {
        return run(step, COMMAND_SECONDS);
    }

    /** Prints the step, runs it for up to seconds, prints its output as it comes; a non-zero exit is a LabFailure. */
    String run(Step step, long seconds) throws LabFailure {
        out.println("$ " + display(step));
        Result result = execute(step, seconds, true);
        if (result.status() != 0) {
            List<String> lines = result.output().strip().lines().toList();
            throw new LabFailure("'" + display(step) + "' exited with status " + result.status()
                    + (lines.isEmpty() ? "" : ": " + lines.getFirst() + (lines.size() > 1 ? " (its whole output is above)" : "")));
        }
        return result.output();
    }

    /** Runs the step without printing, whatever its exit, for up to 120 s. */
    Result execute(Step step) {
        return execute(step, COMMAND_SECONDS, false);
    }

    private Result execute(Step step, long seconds, boolean echo) {
        try {
            Process process = builder(step).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile())).start();
            StringBuffer output = new StringBuffer();
            Thread reader = Thread.ofVirtual().start(() -> collect(process, output, echo));
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
                reader.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
                String timedOut = "(did not end within " + seconds + " s; killed)";
                if (echo) {
                    out.println("  " + timedOut);
                }
                return new Result(-1, output + timedOut + "\n");
            }
            reader.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
            if (process.exitValue() == 0) {
                noteNamespace(step);
            }
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            String cannot = "cannot run " + step.argv().getFirst() + ": " + e.getMessage();
            if (echo) {
                out.println("  " + cannot);
            }
            return new Result(-1, cannot + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted\n");
        }
    }

    /** Reads the process's output into output, each line printed indented as it comes when echo. */
    private void collect(Process process, StringBuffer output, boolean echo) {
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (echo) {
                    out.println("  " + line);
                }
            }
        } catch (IOException e) {
            // the process was killed; its status says so
        }
    }

    /** Prints and starts a long-running step in the background, its output going to a log file in the work directory. */
    synchronized Started start(String what, Step step) throws LabFailure {
        Path log = work.resolve(namespace(step.role() == null ? "host" : step.role()) + "-" + what + ".log");
        out.println("$ " + display(step) + " > " + log + " 2>&1 &");
        try {
            Process process = builder(step).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            Started s = new Started(what, process, log);
            started.add(s);
            return s;
        } catch (IOException e) {
            throw new LabFailure("cannot start " + display(step) + ": " + e.getMessage());
        }
    }

    /** Waits until the started process writes a line starting with ready, or fails with its log when it exits or times out. */
    void awaitReady(Started s, String ready, long seconds) throws LabFailure, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String log = readLog(s.log());
            if (log.lines().anyMatch(line -> line.startsWith(ready))) {
                return;
            }
            if (!s.process().isAlive()) {
                throw new LabFailure(s.what() + " exited with status " + s.process().exitValue() + " before it was ready: "
                        + (log.isBlank() ? "(no output)" : tail(log)));
            }
            Thread.sleep(50);
        }
        throw new LabFailure(s.what() + " was not ready within " + seconds + " s; its output so far: "
                + tail(readLog(s.log())));
    }

    /** A counter of an interface in role's namespace (/sys/class/net/IFACE/statistics/NAME), printed as read. */
    long counter(String role, String iface, String name) throws LabFailure {
        String value = run(Step.on(role, "cat", "/sys/class/net/" + iface + "/statistics/" + name)).strip();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LabFailure("the counter " + name + " of " + iface + " in " + namespace(role) + " reads '" + value + "'");
        }
    }

    /** Stops every process started here (SIGTERM, then SIGKILL after 15 s), kills any other left in the namespaces, deletes them. */
    @Override
    public synchronized void close() {
        for (Started s : started.reversed()) {
            ProcessHandle process = s.process().toHandle();
            if (!process.isAlive()) {
                continue;
            }
            out.println("$ kill " + process.pid() + "   # " + s.what());
            process.destroy();
            try {
                if (!s.process().waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    out.println("$ kill -9 " + process.pid() + "   # " + s.what() + " did not stop within " + STOP_SECONDS + " s");
                    process.destroyForcibly();
                    s.process().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        started.clear();
        for (String namespace : namespaces.reversed()) {
            killLeftovers(namespace);
            Result deleted = execute(Step.on(null, "ip", "netns", "del", namespace));
            out.println("$ ip netns del " + namespace + (deleted.status() == 0 ? "" : "   # " + deleted.output().strip()));
        }
        namespaces.clear();
    }

    /** Kills by PID what still runs in namespace (what a command started there left behind). */
    private void killLeftovers(String namespace) {
        Result pids = execute(Step.on(null, "ip", "netns", "pids", namespace));
        if (pids.status() != 0) {
            return;
        }
        for (String pid : pids.output().strip().split("\\s+")) {
            if (pid.isEmpty()) {
                continue;
            }
            out.println("$ kill -9 " + pid + "   # left running in " + namespace);
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private synchronized void noteNamespace(Step step) {
        List<String> argv = step.argv();
        if (step.role() == null && argv.size() == 4 && argv.subList(0, 3).equals(List.of("ip", "netns", "add"))
                && !namespaces.contains(argv.get(3))) {
            namespaces.add(argv.get(3));
        }
    }

    private ProcessBuilder builder(Step step) {
        List<String> argv = new ArrayList<>();
        if (step.role() != null) {
            argv.addAll(List.of("ip", "netns", "exec", namespace(step.role())));
        }
        if (step.argv().getFirst().equals(Step.JLVS)) {
            argv.addAll(jlvs.command(step.argv().subList(1, step.argv().size())));
        } else {
            argv.addAll(step.argv());
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        return builder;
    }

    /** The last lines of a log (a usage text or a stack trace can be long), whole in the log file. */
    private static String tail(String log) {
        List<String> lines = log.strip().lines().toList();
        int keep = 20;
        return lines.size() <= keep ? String.join("\n", lines)
                : "(last " + keep + " lines)\n" + String.join("\n", lines.subList(lines.size() - keep, lines.size()));
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
