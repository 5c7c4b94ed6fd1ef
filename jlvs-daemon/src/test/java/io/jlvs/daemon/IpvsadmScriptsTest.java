package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.socket.SocketControlClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/ipvsadm, bin/ipvsadm-save and bin/ipvsadm-restore run as processes against a jlvsd process.
 * The scripts are the repository's own bytes, copied into a private bin/ next to a stand-in for the
 * ./jlvs launcher that runs this build's classes (the real launcher would build first).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IpvsadmScriptsTest {
    private static final String RULES = """
            -A -t 10.0.0.1:80 -s rr
            -a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 2
            -a -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 1
            -A -u 10.0.0.2:53 -s wlc -p 360
            -a -u 10.0.0.2:53 -r 192.168.1.3:53 -m -w 1
            """;

    @TempDir
    static Path dir;

    private final DaemonProcesses processes = new DaemonProcesses();
    private Path socket;
    private Path bin;

    /** Process output: exit status, stdout, stderr. */
    record Result(int status, String out, String err) {
    }

    @BeforeAll
    void startDaemonAndInstallScripts() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        Path repoBin = repositoryRoot().resolve("bin");
        for (String script : List.of("ipvsadm", "ipvsadm-save", "ipvsadm-restore")) {
            Files.copy(repoBin.resolve(script), bin.resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path launcher = dir.resolve("jlvs");
        // quick start for a short-lived client, as the real launcher does for adm
        List<String> java = new ArrayList<>(DaemonProcesses.javaCommand());
        java.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        Files.writeString(launcher, "#!/bin/sh\nexec " + java.stream()
                .map(IpvsadmScriptsTest::shellQuoted).collect(Collectors.joining(" ")) + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

        socket = dir.resolve("jlvsd.sock");
        processes.start(socket, dir.resolve("state"), "--mode", "none");
    }

    @BeforeEach
    void emptyTable() {
        adm("", "-C");
    }

    @AfterAll
    void stopDaemon() throws InterruptedException {
        processes.close();
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin/ipvsadm-save"))) {
                return p;
            }
        }
        throw new AssertionError("no bin/ipvsadm-save above " + here);
    }

    private static String shellQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Runs a command line (the first word a path) with stdin, JLVS_SOCKET set, in dir. */
    private Result run(String stdin, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JLVS_SOCKET", socket.toString());
        builder.environment().remove(AdmCommand.ARGV0);
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), () -> String.join(" ", command) + " did not end");
            return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8));
        } finally {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String script(String name) {
        return bin.resolve(name).toString();
    }

    /** ipvsadm in this JVM against the same daemon: stdout, failing on a non-zero status. */
    private String adm(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (SocketControlClient client = new SocketControlClient(socket)) {
            int status = Ipvsadm.run(args, client, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, status, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ipvsadmSavePrintsWhatIpvsadmDashSPrints() throws Exception {
        adm(RULES, "-R");

        assertEquals(new Result(0, RULES, ""), run("", script("ipvsadm-save"), "-n"));
        assertEquals(new Result(0, RULES, ""), run("", script("ipvsadm-save"), "words", "-n", "are", "ignored"));
        // without -n ipvsadm -S names hosts and ports where it can
        assertEquals(new Result(0, adm("", "-S"), ""), run("", script("ipvsadm-save")));
    }

    @Test
    void ipvsadmSaveWithAnyOtherOptionPrintsItsHelpAndExitsOne() throws Exception {
        assertEquals(new Result(1, "", """
                ipvsadm-save: Script to save the IPVS table to stdout.
                   With the -n option, prints out the table in numeric format.
                """), run("", script("ipvsadm-save"), "-n", "--numeric"));
    }

    @Test
    void ipvsadmRestoreDropsCommentsClearsTheTableAndRestores() throws Exception {
        adm("", "-A", "-t", "10.9.9.9:99", "-s", "lc");
        String saved = "# Generated by ipvsadm-save\n" + RULES + "# the end\n";

        assertEquals(new Result(0, "", ""), run(saved, script("ipvsadm-restore")));
        assertEquals(RULES, adm("", "-S", "-n"), "the rule that was there before is gone, the saved ones are back");
    }

    @Test
    void ipvsadmRestoreExitsWithTheRestoresStatusAndNamesIpvsadmAsItRunsIt() throws Exception {
        assertEquals(new Result(255, "", "Service not defined\n"),
                run("-a -t 10.0.0.5:80 -r 192.168.1.9:80 -m\n", script("ipvsadm-restore")));
        assertEquals(new Result(255, "", "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"),
                run("-t 10.0.0.1:80\n", script("ipvsadm-restore")));
    }

    @Test
    void ipvsadmNamesItselfAsItWasCalled() throws Exception {
        Path sbin = Files.createDirectories(dir.resolve("x"));
        Path link = Files.createSymbolicLink(sbin.resolve("sbin-ipvsadm"), bin.resolve("ipvsadm"));

        assertEquals(hint(link.toString()), run("", link.toString(), "-t", "10.0.0.1:80"));
        assertEquals(hint("bin/ipvsadm"), run("", "bin/ipvsadm", "--bogus"));
        List<String> usage = new ArrayList<>(run("", "bin/ipvsadm", "-h").out().lines().toList());
        assertEquals("  bin/ipvsadm -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask]"
                + " [--pe persistence_engine] [-b sched-flags]", usage.get(2));
    }

    private static Result hint(String program) {
        return new Result(255, "", "Try `" + program + " -h' or '" + program + " --help' for more information.\n");
    }
}
