package io.jlvs.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Puts jlvsd's listening socket at its path with no moment at which anyone else could open it:
 * the directory is checked private first ({@link SocketDirectory}); the socket is bound in a
 * fresh 0700 directory beside the target (Java cannot set the umask bind(2) honours), made 0600,
 * and then hard-linked into place, which like rename(2) works for a socket file but, unlike it,
 * never replaces a socket another daemon put there meanwhile. Only a stale socket (a socket file
 * nobody accepts on) at the path is removed first; any other file is refused and left as it is.
 */
final class ControlSocketBinder {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSocketBinder.class);
    private static final String BIND_DIRECTORY_PREFIX = ".jlvsd-bind-";
    private static final String BIND_NAME = "s";

    private ControlSocketBinder() {
    }

    /** A server channel listening at socket, for the user uid. */
    static ServerSocketChannel bind(Path socket, int uid) throws DaemonStartupException {
        Path directory = socket.toAbsolutePath().getParent();
        SocketDirectory.prepare(directory, uid);
        removeIfStale(socket);
        Path privateDirectory;
        try {
            privateDirectory = Files.createTempDirectory(directory, BIND_DIRECTORY_PREFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new DaemonStartupException("cannot create a private directory in " + directory + " to bind in: "
                    + e.getMessage(), e);
        }
        try {
            return bindThrough(privateDirectory.resolve(BIND_NAME), socket);
        } finally {
            deleteQuietly(privateDirectory.resolve(BIND_NAME));
            deleteQuietly(privateDirectory);
        }
    }

    private static ServerSocketChannel bindThrough(Path privateSocket, Path socket) throws DaemonStartupException {
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new DaemonStartupException("cannot open a Unix domain socket: " + e.getMessage(), e);
        }
        try {
            server.bind(UnixDomainSocketAddress.of(privateSocket));
            Files.setPosixFilePermissions(privateSocket, PosixFilePermissions.fromString("rw-------"));
            Files.createLink(socket, privateSocket);
            return server;
        } catch (FileAlreadyExistsException e) {
            closeQuietly(server);
            throw new DaemonStartupException("another jlvsd is already listening at " + socket, e);
        } catch (IOException e) {
            closeQuietly(server);
            throw new DaemonStartupException("cannot listen at " + socket + ": " + e.getMessage(), e);
        }
    }

    /**
     * A socket that answers belongs to a running jlvsd and is refused; one that does not is what
     * a killed daemon left, and is removed. Anything that is not a socket is refused untouched.
     */
    private static void removeIfStale(Path socket) throws DaemonStartupException {
        UnixFileKind found;
        try {
            found = UnixFileKind.of(socket);
        } catch (IOException e) {
            throw new DaemonStartupException("cannot examine " + socket + ": " + e.getMessage(), e);
        }
        if (found == null) {
            return;
        }
        if (!found.is(UnixFileKind.SOCKET)) {
            throw new DaemonStartupException(socket + " is not a socket (it is a " + found.kind()
                    + "); refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new DaemonStartupException("another jlvsd is already listening at " + socket);
        } catch (DaemonStartupException e) {
            throw e;
        } catch (IOException refused) {
            // Nobody accepts: a daemon died without cleaning up. Take the path over.
            try {
                Files.delete(socket);
                LOG.info("removed the stale socket {} left by a jlvsd that did not shut down", socket);
            } catch (IOException e) {
                throw new DaemonStartupException("cannot remove the stale socket " + socket + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", path, e.toString());
        }
    }

    static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Giving up on this channel; nothing useful to do with a failed close.
        }
    }
}
