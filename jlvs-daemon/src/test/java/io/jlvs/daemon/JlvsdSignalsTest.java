package io.jlvs.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jlvsd as a process under signals: TERM and INT are a clean stop, STOP makes jlvs adm give up in time. */
class JlvsdSignalsTest {
    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("jlvsd.sock");
    }

    private static void kill(String signal, Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalToStopEndsTheDaemonWithStatusZeroAndRemovesItsSocket(String signal) throws Exception {
        try (DaemonProcesses processes = new DaemonProcesses()) {
            DaemonProcesses.Daemon daemon = processes.daemon(List.of(), socket(), dir.resolve("state"));

            kill(signal, daemon.process());

            assertTrue(daemon.process().waitFor(60, TimeUnit.SECONDS), "SIG" + signal + " stops the daemon");
            assertEquals(0, daemon.process().exitValue(), String.join("\n", daemon.output()));
            assertFalse(Files.exists(socket(), java.nio.file.LinkOption.NOFOLLOW_LINKS), "the socket is removed");
        }
    }

    @Test
    void aStoppedDaemonMakesJlvsAdmGiveUpAtItsDeadlineWithStatusTwo() throws Exception {
        try (DaemonProcesses processes = new DaemonProcesses()) {
            DaemonProcesses.Daemon daemon = processes.daemon(List.of(), socket(), dir.resolve("state"), "--mode", "none");
            Map<String, String> env = Map.of("JLVS_SOCKET", socket().toString(), "JLVS_TIMEOUT", "1.5");

            kill("STOP", daemon.process());
            DaemonProcesses.Adm stopped;
            try {
                stopped = processes.adm(env, List.of(), "-Ln");
            } finally {
                kill("CONT", daemon.process());
            }

            assertEquals(new DaemonProcesses.Adm(2, "", "jlvs adm: jlvsd at " + socket() + " did not answer within 1.5 s"
                    + " (is it stopped, or is this not jlvsd's socket? JLVS_TIMEOUT sets the limit in seconds)\n"), stopped);
            DaemonProcesses.Adm resumed = processes.adm(Map.of("JLVS_SOCKET", socket().toString()), List.of(), "-Ln");
            assertEquals(0, resumed.status(), "once it runs again it answers: " + resumed);
        }
    }

    @Test
    void aJlvsTimeoutThatIsNotANumberOfSecondsIsAClearErrorWithStatusTwo() throws Exception {
        try (DaemonProcesses processes = new DaemonProcesses()) {
            DaemonProcesses.Adm run = processes.adm(Map.of("JLVS_SOCKET", socket().toString(), "JLVS_TIMEOUT", "ten"), List.of(),
                    "-Ln");

            assertEquals(new DaemonProcesses.Adm(2, "", "jlvs adm: JLVS_TIMEOUT must be a number of seconds greater than 0"
                    + " and at most 1000000 (such as 10 or 0.5), not 'ten'\n"), run);
        }
    }
}
