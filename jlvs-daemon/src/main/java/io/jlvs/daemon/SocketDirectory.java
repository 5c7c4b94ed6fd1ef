package io.jlvs.daemon;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory that holds the control socket: it must be a directory (not a link to one) that
 * belongs to the daemon's user with no access for group or others (0700), so nobody else can
 * reach the socket, replace it, or plant one of their own. jlvsd creates it 0700 when missing
 * and refuses anything else, naming the path, its owner and its mode.
 */
final class SocketDirectory {
    private static final int GROUP_AND_OTHER_BITS = 0077;
    private static final int OTHERS_MAY_WRITE = 0002;

    private SocketDirectory() {
    }

    /** Makes sure directory exists and is private to the user uid. */
    static void prepare(Path directory, int uid) throws DaemonStartupException {
        try {
            UnixFileKind found = UnixFileKind.of(directory);
            if (found == null) {
                create(directory);
                found = UnixFileKind.of(directory);
            }
            check(directory, found, uid);
        } catch (DaemonStartupException e) {
            throw e;
        } catch (IOException e) {
            throw new DaemonStartupException("cannot use the socket directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path directory) throws IOException {
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // The umask may have cleared bits the attribute asked for, never added any; set it exactly.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (FileAlreadyExistsException raced) {
            // Someone made it meanwhile: the check that follows judges what they made.
        }
    }

    private static void check(Path directory, UnixFileKind found, int uid) throws DaemonStartupException {
        if (!found.is(UnixFileKind.DIRECTORY)) {
            throw new DaemonStartupException("the socket directory " + directory + " is a " + found.kind()
                    + ", not a directory; refusing to use it");
        }
        if ((found.mode() & OTHERS_MAY_WRITE) != 0) {
            // /tmp and its kind: the advice to remove or chmod it would break every other user
            throw new DaemonStartupException("the socket directory " + directory + " is " + found.ownership()
                    + "; it is open to other users, so it cannot hold the socket (leave it as it is): use a socket"
                    + " path in a directory of its own, such as " + directory.resolve("jlvs/jlvsd.sock")
                    + ", which jlvsd creates mode 0700");
        }
        if (found.uid() != uid || (found.mode() & GROUP_AND_OTHER_BITS) != 0) {
            throw new DaemonStartupException("the socket directory " + directory + " is " + found.ownership()
                    + "; it must belong to uid " + uid + " with mode 0700 (no access for group or others)."
                    + " Remove it (jlvsd creates it) or fix it with chown and chmod 700");
        }
    }
}
