package io.jlvs.control.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where jlvsd's control socket and state directory are, by one set of rules shared by the daemon
 * and its clients. An explicit path (--socket, --state-dir) beats the environment
 * (JLVS_SOCKET, JLVS_STATE_DIR), which beats the defaults: /run/jlvs/jlvsd.sock and
 * /var/lib/jlvs as root; otherwise $XDG_RUNTIME_DIR/jlvs/jlvsd.sock (or /tmp/jlvs-$UID/jlvsd.sock
 * without XDG_RUNTIME_DIR) and $XDG_STATE_HOME/jlvs (or ~/.local/state/jlvs).
 *
 * @param environment the process environment
 * @param uid         the real user id (0 is root)
 * @param home        the user's home directory
 */
public record ControlPaths(Map<String, String> environment, int uid, Path home) {
    public static final String SOCKET_VARIABLE = "JLVS_SOCKET";
    public static final String STATE_DIR_VARIABLE = "JLVS_STATE_DIR";
    static final String SOCKET_NAME = "jlvsd.sock";

    public ControlPaths {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(home, "home");
    }

    /** The rules applied to this process. */
    public static ControlPaths current() {
        return new ControlPaths(System.getenv(), currentUid(), Path.of(System.getProperty("user.home")));
    }

    /** This process's uid, from the owner of /proc/self (Linux). */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Not Linux: assume an ordinary user, which picks per-user paths.
            return "root".equals(System.getProperty("user.name")) ? 0 : 65534;
        }
    }

    public boolean root() {
        return uid == 0;
    }

    /** The control socket: explicit (may be null), else JLVS_SOCKET, else the default. */
    public Path socket(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnvironment = variable(SOCKET_VARIABLE);
        if (fromEnvironment != null) {
            return Path.of(fromEnvironment);
        }
        if (root()) {
            return Path.of("/run/jlvs", SOCKET_NAME);
        }
        String runtime = variable("XDG_RUNTIME_DIR");
        return runtime != null
                ? Path.of(runtime, "jlvs", SOCKET_NAME)
                : Path.of("/tmp", "jlvs-" + uid, SOCKET_NAME);
    }

    /** The state directory: explicit (may be null), else JLVS_STATE_DIR, else the default. */
    public Path stateDirectory(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnvironment = variable(STATE_DIR_VARIABLE);
        if (fromEnvironment != null) {
            return Path.of(fromEnvironment);
        }
        if (root()) {
            return Path.of("/var/lib/jlvs");
        }
        String stateHome = variable("XDG_STATE_HOME");
        return stateHome != null ? Path.of(stateHome, "jlvs") : home.resolve(".local/state/jlvs");
    }

    /** A variable's value, with unset and empty alike meaning "not set" (as the XDG spec says). */
    private String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** For messages: the path made absolute. */
    static String describe(Path socket) {
        return socket.toAbsolutePath().toString();
    }
}
