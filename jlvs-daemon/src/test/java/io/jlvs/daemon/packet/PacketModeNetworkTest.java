package io.jlvs.daemon.packet;

import io.jlvs.daemon.DaemonProcesses;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jlvs.daemon.packet.DirectorNetwork.CLIENT_IP;
import static io.jlvs.daemon.packet.DirectorNetwork.REAL_SERVER_IP;
import static io.jlvs.daemon.packet.DirectorNetwork.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jlvs daemon --mode packet as a seed reader runs it: in the director's namespace, on its two
 * interfaces, configured with jlvs adm, forwarding a client's connections to a NAT real server
 * that sees the client's own address; jlvs status shows the frames; bad start-ups are named.
 */
@Tag("root")
class PacketModeNetworkTest {

    @TempDir
    Path temp;

    private Path socket() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("sock"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return directory.resolve("jlvsd.sock");
    }

    @Test
    void aNatServiceCarriesTheClientsConnectionsAndTheRealServerSeesTheClient() throws Exception {
        try (DirectorNetwork net = new DirectorNetwork(); DaemonProcesses processes = new DaemonProcesses()) {
            TestNetwork network = net.network;
            Path socket = startRealServerAndDirector(net, processes, 1048576);
            List<String> inDirector = List.of("ip", "netns", "exec", net.director);
            Map<String, String> env = Map.of("JLVS_SOCKET", socket.toString());
            assertEquals(0, processes.adm(env, inDirector, "-A", "-t", VIP + ":80", "-s", "rr").status());
            assertEquals(0, processes.adm(env, inDirector, "-a", "-t", VIP + ":80", "-r", REAL_SERVER_IP + ":8080",
                    "-m").status());

            for (int i = 0; i < 3; i++) {
                assertEquals(List.of("rs1 saw " + CLIENT_IP, "1048576"), clientConnection(net),
                        "the real server saw the client, and a megabyte came back whole");
            }
            String listing = processes.adm(env, inDirector, "-Ln", "--stats").out();
            assertTrue(listing.contains("-> " + REAL_SERVER_IP + ":8080"), listing);
            TestNetwork.Result status = network.run(net.director, command(List.of("io.jlvs.daemon.Main", "status"),
                    "JLVS_SOCKET=" + socket));
            assertTrue(status.output().startsWith("data plane: packet"), status.output());
            assertTrue(counter(status.output(), "forwarded to real servers") >= 9, status.output());
            assertTrue(counter(status.output(), "forwarded to clients") >= 9, status.output());
        }
    }

    @Test
    void aFirewallMarkServiceGetsThePacketsTheUsersRuleMarks() throws Exception {
        try (DirectorNetwork net = new DirectorNetwork(); DaemonProcesses processes = new DaemonProcesses()) {
            TestNetwork network = net.network;
            // the user's own rule, as the seeds mark traffic: in mangle's place, before jlvsd's table
            network.exec(net.director, "nft", "add table ip usermangle; add chain ip usermangle prerouting"
                    + " { type filter hook prerouting priority -150; policy accept; };"
                    + " add rule ip usermangle prerouting ip daddr " + VIP + " tcp dport 80 meta mark set 1");
            Path socket = startRealServerAndDirector(net, processes, 65536);
            List<String> inDirector = List.of("ip", "netns", "exec", net.director);
            Map<String, String> env = Map.of("JLVS_SOCKET", socket.toString());
            assertEquals(0, processes.adm(env, inDirector, "-A", "-f", "1", "-s", "rr").status());
            assertEquals(0, processes.adm(env, inDirector, "-a", "-f", "1", "-r", REAL_SERVER_IP + ":8080", "-m")
                    .status());
            assertTrue(net.nftList("list", "table", "inet", MarkTable.TABLE).output().contains("elements = { 0x00000001 }"),
                    "jlvsd's mark table holds the service's mark");

            for (int i = 0; i < 2; i++) {
                assertEquals(List.of("rs1 saw " + CLIENT_IP, "65536"), clientConnection(net),
                        "the marked connection reached the real server, and its answer came back whole");
            }
            String listing = processes.adm(env, inDirector, "-Ln").out();
            assertTrue(listing.contains("FWM  1 rr") && listing.contains("-> " + REAL_SERVER_IP + ":8080"), listing);

            assertEquals(0, processes.adm(env, inDirector, "-D", "-f", "1").status());
            assertTrue(!net.nftList("list", "table", "inet", MarkTable.TABLE).output().contains("elements"),
                    "the mark went with its service");
        }
    }

    @Test
    void packetModeNamesWhatItLacks() throws Exception {
        try (DirectorNetwork net = new DirectorNetwork()) {
            Path socket = socket();
            TestNetwork.Result noInterface = net.network.run(net.director, command(List.of("io.jlvs.daemon.Main",
                    "daemon", "--mode", "packet", "--socket", socket.toString(), "--state-dir", temp.resolve("a")
                            .toString())));
            assertEquals(2, noInterface.exitCode(), noInterface.output());
            assertTrue(noInterface.output().contains("--mode packet needs the interfaces it owns: --iface IF"),
                    noInterface.output());
            TestNetwork.Result missing = net.network.run(net.director, command(List.of("io.jlvs.daemon.Main",
                    "daemon", "--mode", "packet", "--iface", "nosuch0", "--socket", socket.toString(), "--state-dir",
                    temp.resolve("b").toString())));
            assertEquals(1, missing.exitCode(), missing.output());
            assertTrue(missing.output().contains("no interface named nosuch0"), missing.output());
            TestNetwork.Result proxyWithInterface = net.network.run(net.director, command(List.of(
                    "io.jlvs.daemon.Main", "daemon", "--iface", net.clientSide, "--socket", socket.toString(),
                    "--state-dir", temp.resolve("c").toString())));
            assertEquals(2, proxyWithInterface.exitCode(), proxyWithInterface.output());
            assertTrue(proxyWithInterface.output().contains("--iface is for --mode packet"), proxyWithInterface.output());
        }
    }

    /**
     * Starts the real server (answering with its line and extra bytes on port 8080) and jlvsd in
     * packet mode on both of the director's interfaces; returns jlvsd's socket.
     */
    private Path startRealServerAndDirector(DirectorNetwork net, DaemonProcesses processes, int extra)
            throws IOException, InterruptedException {
        Process server = net.network.start(net.realServer, command(List.of("io.jlvs.daemon.packet.SeenAddressServer",
                "rs1", "8080", Integer.toString(extra))));
        awaitReady(server);
        Path socket = socket();
        processes.daemon(List.of("ip", "netns", "exec", net.director), socket, temp.resolve("state"), "--mode",
                "packet", "--iface", net.clientSide, "--iface", net.serverSide);
        return socket;
    }

    /** One connection of the client to VIP:80: the real server's line, then how many bytes followed. */
    private static List<String> clientConnection(DirectorNetwork net) {
        TestNetwork.Result answer = net.network.run(net.client, "timeout", "10", "bash", "-c",
                "exec 3<>/dev/tcp/" + VIP + "/80; read -r first <&3; echo \"$first\"; wc -c <&3");
        assertEquals(0, answer.exitCode(), answer.output());
        return answer.output().strip().lines().toList();
    }

    /** The java command running a main class of this test's class path, behind env assignments. */
    private static String[] command(List<String> mainAndArguments, String... environment) {
        List<String> argv = new ArrayList<>();
        if (environment.length > 0) {
            argv.add("env");
            argv.addAll(List.of(environment));
        }
        List<String> java = DaemonProcesses.javaCommand();
        argv.addAll(java.subList(0, java.size() - 1)); // without Main: the class comes with the arguments
        argv.addAll(mainAndArguments);
        return argv.toArray(String[]::new);
    }

    private static void awaitReady(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String line = lines.readLine();
        assertEquals("ready", line, "the real server started");
    }

    private static long counter(String status, String name) {
        return status.lines().filter(line -> line.strip().startsWith(name))
                .mapToLong(line -> Long.parseLong(line.strip().substring(name.length()).strip()))
                .findFirst().orElse(-1);
    }
}
