package io.jlvs.daemon;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.testkit.PortReservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jlvs.daemon.DaemonFixtures.ok;
import static io.jlvs.daemon.DaemonFixtures.real;
import static io.jlvs.daemon.DaemonFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jlvsd as a real process: killed with SIGKILL, restarted on the same state directory, every rule back. */
class JlvsdProcessTest {
    /** How a JVM reports a child killed by signal N: 128 + N. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @TempDir
    Path dir;

    private final DaemonProcesses processes = new DaemonProcesses();

    @Test
    void aDaemonKilledWithSigkillComesBackWithEveryRule() throws Exception {
        Path socket = dir.resolve("jlvsd.sock");
        Path state = dir.resolve("state");
        // The proxy engine listens for both services: ports held for this test, never fixed ones that
        // another run on the machine may be using.
        InetAddress loopback = InetAddress.getLoopbackAddress();
        PortReservation webPort = PortReservation.on(loopback);
        PortReservation dnsPort = PortReservation.udpOn(loopback);
        ServiceKey web = new ServiceKey.Address(Protocol.TCP, loopback, webPort.port());
        ServiceKey dns = new ServiceKey.Address(Protocol.UDP, loopback, dnsPort.port());
        List<Request> queries = List.of(new Query.GetServices(null), new Query.GetTimeouts(), new Query.GetDaemons());
        try (webPort) {
            Process first = startDaemon(socket, state);
            List<Reply> before = new ArrayList<>();
            try (SocketControlClient client = new SocketControlClient(socket)) {
                ok(client, new Command.AddService(service(web)));
                ok(client, new Command.AddDest(web, real("192.168.1.1", 80, 1)));
                ok(client, new Command.AddDest(web, real("192.168.1.2", 80, 3)));
                // Two UDP sockets on one port would share its datagrams: the engine's takes it over.
                dnsPort.close();
                ok(client, new Command.AddService(service(dns)));
                ok(client, new Command.AddDest(dns, real("192.168.1.3", 53, 1)));
                ok(client, new Command.EditDest(dns,
                        DestinationSpec.of(InetAddress.ofLiteral("192.168.1.3"), 53, ForwardMethod.DROUTE, 9)));
                ok(client, new Command.SetTimeouts(new Timeouts(600, 0, 45)));
                for (Request query : queries) {
                    before.add(client.send(query));
                }
            }
            assertEquals(2, ((Reply.Services) before.getFirst()).services().size());

            first.destroyForcibly();
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the killed daemon is gone");
            assertEquals(KILLED_BY_SIGKILL, first.exitValue(), "destroyForcibly sends SIGKILL on Linux");
            assertTrue(Files.exists(socket), "a SIGKILLed daemon cannot remove its socket");

            Process second = startDaemon(socket, state);
            try (SocketControlClient client = new SocketControlClient(socket)) {
                List<Reply> after = new ArrayList<>();
                for (Request query : queries) {
                    after.add(client.send(query));
                }
                assertEquals(before, after);
            }

            second.destroy();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the daemon");
            assertEquals(0, second.exitValue(), "SIGTERM is a clean stop");
            assertFalse(Files.exists(socket), "on SIGTERM the daemon removes its socket");
        } finally {
            processes.close();
        }
    }

    /** Starts {@code jlvs daemon} in a child JVM and waits for its ready line. */
    private Process startDaemon(Path socket, Path state) throws IOException, InterruptedException {
        return processes.start(socket, state);
    }
}
