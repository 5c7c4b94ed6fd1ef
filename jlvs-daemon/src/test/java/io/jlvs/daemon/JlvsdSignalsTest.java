package io.jlvs.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.testkit.PortReservation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
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

    /** A second SIGTERM while established connections drain ends jlvsd at once, with 128 + 15. */
    @Test
    void aSecondSignalDuringTheDrainEndsTheDaemonAtOnce() throws Exception {
        try (DaemonProcesses processes = new DaemonProcesses();
             NamedServer real = new NamedServer("web1", "127.0.0.1", false);
             PortReservation vip = PortReservation.on(InetAddress.ofLiteral("127.0.41.1"))) {
            DaemonProcesses.Daemon daemon = processes.daemon(List.of(), socket(), dir.resolve("state"));
            try (SocketControlClient client = new SocketControlClient(socket())) {
                assertEquals(0, Ipvsadm.run(new String[] {"-A", "-t", vip.endpoint(), "-s", "rr"}, client,
                        InputStream.nullInputStream(), System.out, System.err));
                assertEquals(0, Ipvsadm.run(new String[] {"-a", "-t", vip.endpoint(), "-r", real.endpoint(), "-m"},
                        client, InputStream.nullInputStream(), System.out, System.err));
            }
            try (Socket proxied = new Socket(InetAddress.ofLiteral("127.0.41.1"), vip.port())) {
                proxied.setSoTimeout(10_000);
                assertEquals('w', proxied.getInputStream().read(), "the connection is established through jlvsd");

                kill("TERM", daemon.process());
                assertTrue(daemon.awaitLine("SIGTERM: stopping", 30) > 0, String.join("\n", daemon.output()));
                assertFalse(daemon.process().waitFor(1, TimeUnit.SECONDS), "the open connection drains");
                kill("TERM", daemon.process());

                assertTrue(daemon.process().waitFor(5, TimeUnit.SECONDS), "the second SIGTERM ends the drain");
                assertEquals(128 + 15, daemon.process().exitValue());
            }
        }
    }
}
