package io.jlvs.daemon;

import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.socket.SocketControlClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where jlvsd puts its socket: only a stale socket is replaced, in a private directory, with no window. */
class ControlSocketPlacementTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path dir;

    private Path runDirectory() throws IOException {
        return Files.createDirectories(dir.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private Path state() {
        return dir.resolve("state");
    }

    @Test
    void aRegularFileAtTheSocketPathIsRefusedAndLeftAsItWas() throws IOException {
        Path socket = runDirectory().resolve("jlvsd.sock");
        Files.writeString(socket, "precious data");
        Files.setLastModifiedTime(socket, LONG_AGO);

        DaemonStartupException e = assertThrows(DaemonStartupException.class, () -> Jlvsd.start(socket, state()));

        assertEquals(socket + " is not a socket (it is a regular file); refusing to replace it", e.getMessage());
        assertEquals("precious data", Files.readString(socket));
        assertEquals(LONG_AGO, Files.getLastModifiedTime(socket));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // were it to start, it would run until stopped
    void theDaemonCommandFailsWithThatMessage() throws IOException {
        Path socket = runDirectory().resolve("jlvsd.sock");
        Files.writeString(socket, "precious data");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.run("daemon", "--mode", "none", "--socket", socket.toString(), "--state-dir",
                    state().toString());
        } finally {
            System.setErr(stderr);
        }

        assertEquals(1, status);
        assertEquals("jlvs daemon: " + socket + " is not a socket (it is a regular file); refusing to replace it\n",
                captured.toString(StandardCharsets.UTF_8));
        assertEquals("precious data", Files.readString(socket));
    }

    @Test
    void aDirectoryAtTheSocketPathIsRefusedAndLeftAsItWas() throws IOException {
        Path socket = runDirectory().resolve("jlvsd.sock");
        Files.createDirectory(socket);
        Files.writeString(socket.resolve("inside"), "kept");

        DaemonStartupException e = assertThrows(DaemonStartupException.class, () -> Jlvsd.start(socket, state()));

        assertEquals(socket + " is not a socket (it is a directory); refusing to replace it", e.getMessage());
        assertEquals("kept", Files.readString(socket.resolve("inside")));
    }

    @Test
    void aSymbolicLinkAtTheSocketPathIsRefusedAndLeftAsItWas() throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "kept");
        Path socket = runDirectory().resolve("jlvsd.sock");
        Files.createSymbolicLink(socket, target);

        DaemonStartupException e = assertThrows(DaemonStartupException.class, () -> Jlvsd.start(socket, state()));

        assertEquals(socket + " is not a socket (it is a symbolic link); refusing to replace it", e.getMessage());
        assertEquals(target, Files.readSymbolicLink(socket));
        assertEquals("kept", Files.readString(target));
    }

    @Test
    void theSocketIsMode0600AndNoBindDirectoryIsLeft() throws IOException {
        Path run = runDirectory();
        try (Jlvsd daemon = Jlvsd.start(run.resolve("jlvsd.sock"), state());
             SocketControlClient client = new SocketControlClient(daemon.socket())) {
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(daemon.socket(), LinkOption.NOFOLLOW_LINKS));
            assertEquals(new Reply.Daemons(List.of()), client.send(new Query.GetDaemons()));
            try (Stream<Path> entries = Files.list(run)) {
                assertEquals(List.of(run.resolve("jlvsd.sock")), entries.toList());
            }
        }
    }

    @Test
    void aMissingSocketDirectoryIsCreatedMode0700() throws IOException {
        Path run = dir.resolve("new/run");
        try (Jlvsd daemon = Jlvsd.start(run.resolve("jlvsd.sock"), state())) {
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(run));
        }
    }

    @Test
    void aSocketDirectoryOthersCanEnterIsRefusedNamingItsOwnerAndMode() throws IOException {
        Path run = runDirectory();
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        String me = Files.getOwner(run).getName();

        DaemonStartupException e = assertThrows(DaemonStartupException.class,
                () -> Jlvsd.start(run.resolve("jlvsd.sock"), state()));

        assertTrue(e.getMessage().startsWith("the socket directory " + run + " is owned by " + me + " (uid "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" with mode 0755; it must belong to uid "), e.getMessage());
        assertFalse(Files.exists(run.resolve("jlvsd.sock")));
    }

    @Test
    void aSharedDirectoryLikeTmpIsRefusedWithAdviceToUseAPrivateOneNotToRemoveOrChmodIt() throws IOException {
        Path shared = runDirectory();
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        DaemonStartupException e = assertThrows(DaemonStartupException.class,
                () -> Jlvsd.start(shared.resolve("jlvsd.sock"), state()));

        assertTrue(e.getMessage().endsWith(" with mode 0777; it is open to other users, so it cannot hold the socket"
                + " (leave it as it is): use a socket path in a directory of its own, such as "
                + shared.resolve("jlvs/jlvsd.sock") + ", which jlvsd creates mode 0700"), e.getMessage());
        assertEquals(PosixFilePermissions.fromString("rwxrwxrwx"), Files.getPosixFilePermissions(shared));
    }

    @Test
    void aSocketDirectoryThatIsASymbolicLinkIsRefused() throws IOException {
        Path real = runDirectory();
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        DaemonStartupException e = assertThrows(DaemonStartupException.class,
                () -> Jlvsd.start(link.resolve("jlvsd.sock"), state()));

        assertEquals("the socket directory " + link + " is a symbolic link, not a directory; refusing to use it",
                e.getMessage());
    }
}
