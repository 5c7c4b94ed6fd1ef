package io.jlvs.control.socket;

import java.io.IOException;

/** The control socket could not be used, for a reason a client names precisely (see {@link Reason}). */
public final class ControlSocketException extends IOException {

    /** What stood in the way, as the client could tell. */
    public enum Reason {
        /** No file at the socket's path (ENOENT). */
        NO_SOCKET,
        /** A file that is not a socket at the path. */
        NOT_A_SOCKET,
        /** A socket file nobody accepts on (ECONNREFUSED). */
        NOTHING_LISTENING,
        /** The socket or its directory is closed to this user (EACCES). */
        PERMISSION_DENIED,
        /** No reply within the client's {@link ControlTimeout}. */
        TIMED_OUT,
        /** Anything else connect(2) said. */
        OTHER
    }

    private final Reason reason;

    public ControlSocketException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
