package io.jlvs.daemon;

import java.io.IOException;

/** jlvsd cannot start; the message says why in words an operator can act on. */
public final class DaemonStartupException extends IOException {
    public DaemonStartupException(String message) {
        super(message);
    }

    public DaemonStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
