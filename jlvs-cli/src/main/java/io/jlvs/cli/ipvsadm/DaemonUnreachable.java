package io.jlvs.cli.ipvsadm;

import io.jlvs.control.socket.ControlPaths;

import java.io.IOException;

/** The one message jlvs adm prints when jlvsd cannot be reached (ipvsadm has no such case). */
public final class DaemonUnreachable {

    /** The exit status: 1, as ipvsadm's listing failures use. */
    public static final int STATUS = 1;

    private DaemonUnreachable() {
    }

    /** "jlvs adm: cannot reach jlvsd at ENDPOINT: REASON"; the socket client's reason says what to do. */
    public static String message(String endpoint, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "jlvs adm: cannot reach jlvsd at " + endpoint + ": " + reason;
    }

    /** Where jlvsd listens by default, by the rules every jlvs client shares. */
    public static String defaultEndpoint() {
        return ControlPaths.current().socket(null).toString();
    }
}
