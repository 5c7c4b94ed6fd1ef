package io.jlvs.cli.ipvsadm;

import java.io.IOException;

/** The one message jlvs adm prints when jlvsd cannot be reached (ipvsadm has no such case). */
public final class DaemonUnreachable {

    /** The exit status: 1, as ipvsadm's listing failures use. */
    public static final int STATUS = 1;

    private DaemonUnreachable() {
    }

    /** "jlvs adm: cannot reach jlvsd at ENDPOINT: REASON (is `jlvs daemon` running?)". */
    public static String message(String endpoint, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "jlvs adm: cannot reach jlvsd at " + endpoint + ": " + reason + " (is `jlvs daemon` running?)";
    }

    /**
     * Where jlvsd listens by default: $JLVS_SOCKET, else /run/jlvs/jlvsd.sock for root, else
     * $XDG_RUNTIME_DIR/jlvs/jlvsd.sock.
     */
    public static String defaultEndpoint() {
        String override = System.getenv("JLVS_SOCKET");
        if (override != null && !override.isEmpty()) {
            return override;
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if ("root".equals(System.getProperty("user.name")) || runtime == null || runtime.isEmpty()) {
            return "/run/jlvs/jlvsd.sock";
        }
        return runtime + "/jlvs/jlvsd.sock";
    }
}
