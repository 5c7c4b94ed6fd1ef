package io.jlvs.daemon;

import io.jlvs.control.api.Command;
import io.jlvs.control.socket.SocketControlClient;
import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.jlvs.daemon.DaemonFixtures.ok;
import static io.jlvs.daemon.DaemonFixtures.real;
import static io.jlvs.daemon.DaemonFixtures.service;
import static io.jlvs.daemon.DaemonFixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jlvsd and its state directory: what it refuses to start over, what it clears, what it leaves alone. */
class JlvsdStateTest {
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
