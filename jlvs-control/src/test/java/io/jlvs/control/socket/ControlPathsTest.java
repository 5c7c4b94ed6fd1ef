package io.jlvs.control.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared rules for where the socket and the state live. */
class ControlPathsTest {
    private static final Path HOME = Path.of("/home/ann");

    static Stream<Arguments> sockets() {
        return Stream.of(
                Arguments.of("root", Map.of(), 0, null, "/run/jlvs/jlvsd.sock"),
                Arguments.of("root ignores XDG_RUNTIME_DIR", Map.of("XDG_RUNTIME_DIR", "/run/user/0"), 0, null,
                        "/run/jlvs/jlvsd.sock"),
                Arguments.of("a user with XDG_RUNTIME_DIR", Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), 1000, null,
                        "/run/user/1000/jlvs/jlvsd.sock"),
                Arguments.of("a user without XDG_RUNTIME_DIR", Map.of(), 1000, null, "/tmp/jlvs-1000/jlvsd.sock"),
                Arguments.of("an empty XDG_RUNTIME_DIR counts as unset", Map.of("XDG_RUNTIME_DIR", ""), 1000, null,
                        "/tmp/jlvs-1000/jlvsd.sock"),
                Arguments.of("JLVS_SOCKET beats root's default", Map.of("JLVS_SOCKET", "/srv/j.sock"), 0, null,
                        "/srv/j.sock"),
                Arguments.of("JLVS_SOCKET beats XDG_RUNTIME_DIR",
                        Map.of("JLVS_SOCKET", "/srv/j.sock", "XDG_RUNTIME_DIR", "/run/user/1000"), 1000, null,
                        "/srv/j.sock"),
                Arguments.of("--socket beats everything", Map.of("JLVS_SOCKET", "/srv/j.sock"), 0, "/x/y.sock",
                        "/x/y.sock"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sockets")
    void theSocketPathFollowsTheRules(String description, Map<String, String> env, int uid, String explicit,
                                      String expected) {
        ControlPaths paths = new ControlPaths(env, uid, HOME);

        assertEquals(Path.of(expected), paths.socket(explicit == null ? null : Path.of(explicit)));
    }

    static Stream<Arguments> stateDirectories() {
        return Stream.of(
                Arguments.of("root", Map.of(), 0, null, "/var/lib/jlvs"),
                Arguments.of("a user with XDG_STATE_HOME", Map.of("XDG_STATE_HOME", "/home/ann/st"), 1000, null,
                        "/home/ann/st/jlvs"),
                Arguments.of("a user without XDG_STATE_HOME", Map.of(), 1000, null, "/home/ann/.local/state/jlvs"),
                Arguments.of("JLVS_STATE_DIR beats root's default", Map.of("JLVS_STATE_DIR", "/data/j"), 0, null,
                        "/data/j"),
                Arguments.of("JLVS_STATE_DIR beats XDG_STATE_HOME",
                        Map.of("JLVS_STATE_DIR", "/data/j", "XDG_STATE_HOME", "/home/ann/st"), 1000, null, "/data/j"),
                Arguments.of("--state-dir beats everything", Map.of("JLVS_STATE_DIR", "/data/j"), 1000, "/d",
                        "/d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateDirectories")
    void theStateDirectoryFollowsTheRules(String description, Map<String, String> env, int uid, String explicit,
                                          String expected) {
        ControlPaths paths = new ControlPaths(env, uid, HOME);

        assertEquals(Path.of(expected), paths.stateDirectory(explicit == null ? null : Path.of(explicit)));
    }

    @Test
    void theCurrentUidIsThatOfThisProcess() {
        assertEquals("root".equals(System.getProperty("user.name")), ControlPaths.currentUid() == 0);
    }
}
