package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.socket.SocketControlClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The control socket's faults that only root can stage: a directory of another user, a client
 * without access to the socket, a full disk under the state directory. Skipped with the reason
 * when not root, except under JLVS_REQUIRE_NETNS=1 (CI), where they fail.
 */
@Tag("root")
class RootOnlyControlSocketTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "1".equals(System.getenv("JLVS_REQUIRE_NETNS"))) {
            throw new AssertionError("these tests need root, and JLVS_REQUIRE_NETNS=1 requires them");
        }
        assumeTrue(root, "skipped: needs root (to chown, drop capabilities and mount a tmpfs)");
    }

    private Path privateDirectory(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void aSocketDirectoryOfAnotherUserIsRefused() throws IOException {
        Path run = privateDirectory("run");
        UserPrincipal nobody = run.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(run, nobody);

        DaemonStartupException e = assertThrows(DaemonStartupException.class,
                () -> Jlvsd.start(run.resolve("jlvsd.sock"), dir.resolve("state")));

        assertTrue(e.getMessage().startsWith("the socket directory " + run + " is owned by nobody (uid 65534) with"
                + " mode 0700; it must belong to uid 0"), e.getMessage());
        assertFalse(Files.exists(run.resolve("jlvsd.sock")));
    }

    /** A client without the right to the socket (root without its capabilities, socket mode 000) hears why. */
    @Test
    void permissionDeniedOnTheSocketIsNamedAsSuch() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "skipped: setpriv (util-linux) is missing");
        try (Jlvsd daemon = Jlvsd.start(privateDirectory("run").resolve("jlvsd.sock"), dir.resolve("state"));
             DaemonProcesses processes = new DaemonProcesses()) {
            Files.setPosixFilePermissions(daemon.socket(), PosixFilePermissions.fromString("---------"));

            DaemonProcesses.Adm run = processes.adm(Map.of("JLVS_SOCKET", daemon.socket().toString()),
                    List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"), "-Ln");

            assertEquals(new DaemonProcesses.Adm(1, "", "jlvs adm: permission denied on " + daemon.socket()
                    + " (jlvsd runs as another user? only that user, or root, may use its socket)\n"), run);
        }
    }

    /** A table that cannot be saved is jlvsd's answer, and jlvs adm prints that reason, not "cannot reach". */
    @Test
    void aChangeJlvsdCannotSaveOnAFullDiskIsReportedWithThatReason() throws Exception {
        Path disk = privateDirectory("disk");
        mount(disk);
        try {
            Path state = disk.resolve("state");
            try (Jlvsd daemon = Jlvsd.start(privateDirectory("run").resolve("jlvsd.sock"), state);
                 SocketControlClient client = new SocketControlClient(daemon.socket())) {
                fill(disk.resolve("filler"));

                Adm add = adm(client, "-A", "-t", "10.0.0.1:80");
                Adm list = adm(client, "-Ln");

                assertEquals(255, add.status(), add.err());
                assertTrue(add.err().startsWith("jlvs adm: jlvsd refused the request: could not persist the service table:"),
                        add.err());
                assertTrue(add.err().contains("No space left on device") && add.err().endsWith("; nothing was changed\n"),
                        add.err());
                assertFalse(list.out().contains("10.0.0.1:80"), "nothing was changed:\n" + list.out());
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    private record Adm(int status, String out, String err) {
    }

    private static Adm adm(SocketControlClient client, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Ipvsadm.run(args, client, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Adm(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void mount(Path directory) throws IOException, InterruptedException {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs",
                directory.toString()).inheritIO().start();
        assertEquals(0, mount.waitFor(), "mount a 1 MiB tmpfs at " + directory);
    }

    /** Writes until the file system is full. */
    private static void fill(Path file) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertTrue(full.getMessage().contains("No space left on device"), full.toString());
        }
    }
}
