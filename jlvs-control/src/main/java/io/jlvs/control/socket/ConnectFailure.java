package io.jlvs.control.socket;

import io.jlvs.control.socket.ControlSocketException.Reason;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Why connect(2) to the control socket failed, told from the file at its path rather than from
 * the error's text (which is the C library's, in any language): no file, not a socket, closed to
 * this user, or a socket nobody accepts on.
 */
final class ConnectFailure {
    private ConnectFailure() {
    }

    /** sun_path holds 108 bytes with the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    /** Refuses a path connect(2) could not take, before trying (its error would look like a busy daemon). */
    static void checkLength(Path socket) throws ControlSocketException {
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw new ControlSocketException(Reason.OTHER, "the socket path " + socket + " is " + length
                    + " bytes long; a Unix socket's path may have at most " + MAX_PATH_BYTES, null);
        }
    }

    static ControlSocketException diagnose(Path socket, IOException failure) {
        String where = ControlPaths.describe(socket);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(socket, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new ControlSocketException(Reason.NO_SOCKET, "there is no jlvsd socket at " + where
                    + " (no such file): jlvsd is not running, or listens elsewhere (JLVS_SOCKET names its socket);"
                    + " start it with: jlvs daemon", failure);
        } catch (AccessDeniedException e) {
            return permissionDenied(where, failure);
        } catch (IOException e) {
            return other(where, failure);
        }
        if (!attributes.isOther()) {
            return new ControlSocketException(Reason.NOT_A_SOCKET, where + " is not a socket, so no jlvsd listens"
                    + " there (JLVS_SOCKET names jlvsd's socket)", failure);
        }
        if (!Files.isWritable(socket)) {
            return permissionDenied(where, failure);
        }
        if (failure instanceof ConnectException) {
            return new ControlSocketException(Reason.NOTHING_LISTENING, "no jlvsd is listening at " + where
                    + " (the socket is there but nothing accepts connections on it: jlvsd stopped without removing"
                    + " it?); start it with: jlvs daemon", failure);
        }
        return other(where, failure);
    }

    private static ControlSocketException permissionDenied(String where, IOException failure) {
        return new ControlSocketException(Reason.PERMISSION_DENIED, "permission denied on " + where
                + " (jlvsd runs as another user? only that user, or root, may use its socket)", failure);
    }

    private static ControlSocketException other(String where, IOException failure) {
        return new ControlSocketException(Reason.OTHER, "cannot connect to " + where + ": " + failure.getMessage(),
                failure);
    }
}
