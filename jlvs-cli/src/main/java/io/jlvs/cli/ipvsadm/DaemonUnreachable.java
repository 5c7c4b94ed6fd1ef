package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Request;
import io.jlvs.control.json.JlvsdErrorException;
import io.jlvs.control.socket.ControlPaths;
import io.jlvs.control.socket.ControlSocketException;

import java.io.IOException;

/**
 * What jlvs adm prints, and the status it exits with, when a request to jlvsd fails (ipvsadm has
 * no such case): the real cause, whether jlvsd could not be reached (no socket, nothing
 * listening, permission denied), did not answer in time, or answered with an error of its own
 * (such as a table it could not save).
 */
public final class DaemonUnreachable {

    /** The exit status: 1, as ipvsadm's listing failures use. */
    public static final int STATUS = 1;

    /** The exit status when jlvsd did not answer within the time limit. */
    public static final int TIMED_OUT_STATUS = 2;

    private DaemonUnreachable() {
    }

    /** The end of the program for a request that failed with cause. */
    static ProgramExit exit(String endpoint, Request request, IOException cause) {
        return ProgramExit.failure(status(request, cause), message(endpoint, cause));
    }

    /**
     * The exit status: 2 for a time-out; for an error jlvsd answered to a change, 255 as ipvsadm
     * exits when the kernel refuses one; else {@link #STATUS}.
     */
    static int status(Request request, IOException cause) {
        return switch (cause) {
            case ControlSocketException e when e.reason() == ControlSocketException.Reason.TIMED_OUT -> TIMED_OUT_STATUS;
            case JlvsdErrorException e when request instanceof Command -> ExitStatus.TABLE_ERROR;
            default -> STATUS;
        };
    }

    /**
     * "jlvs adm: REASON" when the socket client named the cause, "jlvs adm: jlvsd refused the
     * request: REASON" for jlvsd's own error, else "jlvs adm: cannot reach jlvsd at ENDPOINT: REASON".
     */
    public static String message(String endpoint, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return switch (cause) {
            case ControlSocketException e -> "jlvs adm: " + reason;
            case JlvsdErrorException e -> "jlvs adm: jlvsd refused the request: " + reason;
            default -> "jlvs adm: cannot reach jlvsd at " + endpoint + ": " + reason;
        };
    }

    /** Where jlvsd listens by default, by the rules every jlvs client shares. */
    public static String defaultEndpoint() {
        return ControlPaths.current().socket(null).toString();
    }
}
