package io.jlvs.daemon;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.json.WireCodec;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.jlvs.daemon.DaemonFixtures.ok;
import static io.jlvs.daemon.DaemonFixtures.real;
import static io.jlvs.daemon.DaemonFixtures.service;
import static io.jlvs.daemon.DaemonFixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jlvsd in-process: the socket protocol, persistence (what it refuses to start over, what it clears,
 * what it leaves alone), and refusing a second daemon.
 */
class JlvsdTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);

    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("run/jlvsd.sock");
    }

    private Path state() {
        return dir.resolve("state");
    }

    @Test
    void itAnswersRequestsOverTheSocket() throws IOException {
        ServiceKey web = tcp("10.0.0.1", 80);
        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             SocketControlClient client = new SocketControlClient(daemon.socket())) {
            ok(client, new Command.AddService(service(web)));
            ok(client, new Command.AddDest(web, real("192.168.1.1", 80, 1)));

            assertEquals(new Reply.Failure(IpvsError.SERVICE_EXISTS, 0), client.send(new Command.AddService(service(web))));
            Reply.Services services = (Reply.Services) client.send(new Query.GetServices(null));
            assertEquals(4096, services.connectionTableSize());
            assertEquals(List.of(real("192.168.1.1", 80, 1)),
                    services.services().getFirst().destinations().stream().map(d -> d.spec()).toList());
            assertEquals(1, daemon.manager().table().services().size());
        }
    }

    @Test
    void theSocketIsOnlyForItsOwner() throws IOException {
        try (Jlvsd daemon = Jlvsd.start(socket(), state())) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(daemon.socket()));
        }
    }

    @Test
    void aBadLineGetsAnErrorLineAndTheConnectionGoesOn() throws IOException {
        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket()))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            write(channel, "this is not json\n{\"type\":\"Reboot\"}\n" + WireCodec.encode(new Query.GetTimeouts()) + "\n");

            String first = in.readLine();
            String second = in.readLine();
            String third = in.readLine();

            assertTrue(first.contains("\"type\":\"ProtocolError\"") && first.contains("not a jlvs request"), first);
            assertTrue(second.contains("\"type\":\"ProtocolError\"") && second.contains("Reboot"), second);
            assertEquals(new Reply.CurrentTimeouts(Timeouts.DEFAULT), WireCodec.decodeReply(third));
        }
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Test
    void severalClientsAreServedAtOnce() throws Exception {
        int clients = 8;
        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<SocketControlClient> open = new ArrayList<>();
            // All connect first, so every one is connected at the same time.
            for (int i = 0; i < clients; i++) {
                SocketControlClient client = new SocketControlClient(daemon.socket());
                client.send(new Query.GetTimeouts());
                open.add(client);
            }
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SocketControlClient client = open.get(i);
                ServiceKey key = tcp("10.0.0." + (i + 1), 80);
                replies.add(pool.submit(() -> client.send(new Command.AddService(service(key)))));
            }
            for (Future<Reply> reply : replies) {
                assertEquals(new Reply.Ok(), reply.get());
            }
            assertEquals(clients, daemon.manager().table().services().size());
            for (SocketControlClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void closingRemovesTheSocketAndReleasesTheStateDirectory() throws IOException {
        Jlvsd first = Jlvsd.start(socket(), state());
        first.close();

        assertFalse(Files.exists(socket()));
        try (Jlvsd second = Jlvsd.start(socket(), state())) {
            assertTrue(Files.exists(second.socket()));
        }
    }

    @Test
    void aRestartedDaemonHasTheSameTable() throws IOException {
        ServiceKey web = tcp("10.0.0.1", 80);
        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             SocketControlClient client = new SocketControlClient(daemon.socket())) {
            ok(client, new Command.AddService(service(web)));
            ok(client, new Command.AddDest(web, real("192.168.1.1", 80, 1)));
            ok(client, new Command.AddDest(web, real("192.168.1.2", 80, 2)));
        }
        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             SocketControlClient client = new SocketControlClient(daemon.socket())) {
            Reply.Services services = (Reply.Services) client.send(new Query.GetServices(web));
            assertEquals(List.of(real("192.168.1.2", 80, 2), real("192.168.1.1", 80, 1)),
                    services.services().getFirst().destinations().stream().map(d -> d.spec()).toList());
        }
    }

    @Test
    void aSecondDaemonOnTheSameStateDirectoryIsRefused() throws IOException {
        try (Jlvsd first = Jlvsd.start(socket(), state())) {
            DaemonStartupException e = assertThrows(DaemonStartupException.class,
                    () -> Jlvsd.start(dir.resolve("other.sock"), state()));

            assertTrue(e.getMessage().contains("another jlvsd is already using the state directory " + state()),
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("other.sock")));
            assertTrue(Files.exists(first.socket()));
        }
    }

    @Test
    void aSecondDaemonOnTheSameSocketIsRefusedAndTheFirstKeepsWorking() throws IOException {
        try (Jlvsd first = Jlvsd.start(socket(), state())) {
            DaemonStartupException e = assertThrows(DaemonStartupException.class,
                    () -> Jlvsd.start(socket(), dir.resolve("other-state")));

            assertEquals("another jlvsd is already listening at " + socket(), e.getMessage());
            try (SocketControlClient client = new SocketControlClient(first.socket())) {
                assertEquals(new Reply.Daemons(List.of()), client.send(new Query.GetDaemons()));
            }
            // The refused daemon released its state directory.
            Jlvsd.start(dir.resolve("third.sock"), dir.resolve("other-state")).close();
        }
    }

    @Test
    void aStaleSocketFileIsRemovedAndReused() throws IOException {
        Files.createDirectories(socket().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket()));
        }
        assertTrue(Files.exists(socket()), "closing a Unix server socket leaves its file, as a killed daemon does");

        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             SocketControlClient client = new SocketControlClient(daemon.socket())) {
            assertEquals(new Reply.Daemons(List.of()), client.send(new Query.GetDaemons()));
        }
    }

    @Test
    void aCorruptStateFileStopsTheStartNamingTheFile() throws IOException {
        Files.createDirectories(state());
        Path file = state().resolve("state.json");
        Files.writeString(file, "{ half a table");

        DaemonStartupException e = assertThrows(DaemonStartupException.class, () -> Jlvsd.start(socket(), state()));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(Files.exists(socket()));
        assertEquals("{ half a table", Files.readString(file));
    }

    @Test
    void theDaemonCommandExitsNonZeroWithTheReasonWhenItCannotStart() throws IOException {
        Files.createDirectories(state());
        Files.writeString(state().resolve("state.json"), "garbage");
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.run("daemon", "--socket", socket().toString(), "--state-dir", state().toString());
        } finally {
            System.setErr(stderr);
        }

        assertEquals(1, status);
        String message = captured.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("jlvs daemon: state file " + state().resolve("state.json")), message);
    }

    @Test
    void aStateFileEntryTheRulesRefuseStopsTheStartNamingTheEntryAndLeavesTheFile() throws IOException {
        Files.createDirectories(state());
        Path file = state().resolve("state.json");
        Files.writeString(file, """
                {"format":"jlvs-state","version":1,"table":{"services":[{"spec":{"key":{"type":"Address",
                "protocol":"TCP","address":"10.0.0.1","port":80},"scheduler":"rr","flags":0,"timeout":0,"netmask":-1,
                "persistenceEngine":""},"destinations":[{"address":"192.168.1.1","port":80,"method":"MASQ",
                "weight":-5,"upperThreshold":0,"lowerThreshold":0,"tunnelType":"IPIP","tunnelPort":0,"tunnelFlags":0}]}],
                "timeouts":{"tcp":900,"tcpFin":120,"udp":300},"daemons":[]}}""");
        byte[] before = Files.readAllBytes(file);

        DaemonStartupException e = assertThrows(DaemonStartupException.class, () -> Jlvsd.start(socket(), state()));

        assertTrue(e.getMessage().startsWith("state file " + file + " holds what jlvs would refuse: service TCP"
                + " 10.0.0.1:80, destination 192.168.1.1:80 (MASQ, weight -5): Numerical result out of range;"
                + " jlvsd will not start over it"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(state().resolve("state.journal")), "a refused file is not converted");
        assertFalse(Files.exists(socket()));
    }

    @Test
    void tempFilesOfASaveCutShortAreRemovedAtStart() throws IOException {
        Files.createDirectories(state());
        Path leftover = state().resolve(".state.json.8147235.tmp");
        Files.writeString(leftover, "{\"format\":\"jlvs-state\",\"ver");

        try (Jlvsd daemon = Jlvsd.start(socket(), state())) {
            assertFalse(Files.exists(leftover));
        }
    }

    @Test
    void zeroingAndRequestsThatChangeNothingLeaveTheStateFilesAlone() throws IOException {
        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             SocketControlClient client = new SocketControlClient(daemon.socket())) {
            ok(client, new Command.AddService(service(WEB)));
            ok(client, new Command.AddDest(WEB, real("192.168.1.1", 80, 1)));
            byte[] snapshot = Files.readAllBytes(state().resolve("state.snapshot"));
            byte[] journal = Files.readAllBytes(state().resolve("state.journal"));

            ok(client, new Command.Zero(null));
            ok(client, new Command.Zero(WEB));
            ok(client, new Command.EditService(service(WEB)));

            assertArrayEquals(snapshot, Files.readAllBytes(state().resolve("state.snapshot")));
            assertArrayEquals(journal, Files.readAllBytes(state().resolve("state.journal")));
        }
    }

    @Test
    void aChangeAppendsToTheJournalAndARestartReplaysIt() throws IOException {
        try (Jlvsd daemon = Jlvsd.start(socket(), state());
             SocketControlClient client = new SocketControlClient(daemon.socket())) {
            ok(client, new Command.AddService(service(WEB)));
            byte[] snapshot = Files.readAllBytes(state().resolve("state.snapshot"));
            long journal = Files.size(state().resolve("state.journal"));

            ok(client, new Command.AddDest(WEB, real("192.168.1.1", 80, 1)));

            assertArrayEquals(snapshot, Files.readAllBytes(state().resolve("state.snapshot")));
            assertTrue(Files.size(state().resolve("state.journal")) > journal);
        }
        try (Jlvsd daemon = Jlvsd.start(socket(), state())) {
            assertEquals(1, daemon.manager().table().find(WEB).orElseThrow().destinations().size());
        }
    }
}
