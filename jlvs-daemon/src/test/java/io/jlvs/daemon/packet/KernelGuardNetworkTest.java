package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jlvs.daemon.packet.DirectorNetwork.CLIENT_IP;
import static io.jlvs.daemon.packet.DirectorNetwork.DIRECTOR_INNER_IP;
import static io.jlvs.daemon.packet.DirectorNetwork.REAL_SERVER_IP;
import static io.jlvs.daemon.packet.DirectorNetwork.REFUSED;
import static io.jlvs.daemon.packet.DirectorNetwork.TIMED_OUT;
import static io.jlvs.daemon.packet.DirectorNetwork.VIP;
import static io.jlvs.daemon.packet.DirectorNetwork.VIP6;
import static io.jlvs.daemon.packet.GuardTables.key;
import static io.jlvs.daemon.packet.GuardTables.service;
import static io.jlvs.daemon.packet.GuardTables.real;
import static io.jlvs.daemon.packet.GuardTables.table;
import static io.jlvs.daemon.packet.GuardTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel guard on a real kernel, in a director of namespaces set up as the seeds do it
 * (VIP on the director's interface, ip_forward=1, the real server's gateway the director), with
 * no listener anywhere: what the director's own kernel answers and forwards with and without it.
 */
@Tag("root")
class KernelGuardNetworkTest {
    private static final ServiceTable NAT_SERVICE = table(tcp(VIP, 80, real(REAL_SERVER_IP, 80, ForwardMethod.MASQ)));

    private DirectorNetwork lab;

    @BeforeEach
    void setUp() {
        lab = new DirectorNetwork();
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private KernelGuard guard(ServiceTable table) throws Exception {
        return KernelGuard.start(lab.directorNft(), lab.directorInterfaces(), table, service -> List.of());
    }

    @Test
    void aVipPortOfAServiceIsNotAnsweredWhilePingArpAndOtherPortsAre() throws Exception {
        assertEquals(REFUSED, lab.connect(lab.client, VIP, 80), "without the guard the kernel resets at once");

        try (KernelGuard guard = guard(NAT_SERVICE)) {
            assertEquals(TIMED_OUT, lab.connect(lab.client, VIP, 80), "VIP:80 is jlvsd's: no RST");
            assertEquals(REFUSED, lab.connect(lab.client, VIP, 81), "a port of no service is still the kernel's");
            assertTrue(lab.clientPings(VIP), "ping (and the ARP before it) still answered");
            assertTrue(lab.network.exec(lab.client, "ip", "neigh", "show", VIP).contains("lladdr"), "ARP resolved the VIP");
        }
    }

    @Test
    void aUdpVipPortOfAServiceGetsNoPortUnreachableWhileOtherPortsDo() throws Exception {
        assertEquals(1, lab.unreachablesForDatagramTo(VIP, 53), "without the guard the kernel answers port unreachable");

        try (KernelGuard guard = guard(table(service(key(Protocol.UDP, VIP, 53))))) {
            assertEquals(0, lab.unreachablesForDatagramTo(VIP, 53), "VIP:53 is jlvsd's");
            assertEquals(1, lab.unreachablesForDatagramTo(VIP, 54), "a port of no service is still the kernel's");
            assertTrue(droppedBy("@vip4") > 0, lab.nftList("list chain netdev jlvs guard").output());
        }
    }

    @Test
    void anIpv6VipPortOfAServiceIsNotAnsweredWhileNeighbourDiscoveryAndPingAre() throws Exception {
        assertEquals(REFUSED, lab.connect(lab.client, VIP6, 80), "without the guard the kernel resets at once");

        try (KernelGuard guard = guard(table(tcp(VIP6, 80)))) {
            assertEquals(TIMED_OUT, lab.connect(lab.client, VIP6, 80), "[VIP6]:80 is jlvsd's: no RST");
            assertEquals(REFUSED, lab.connect(lab.client, VIP6, 81), "a port of no service is still the kernel's");
            assertTrue(lab.clientPings(VIP6), "ping and neighbour discovery still answered");
            assertTrue(droppedBy("@vip6") > 0, lab.nftList("list chain netdev jlvs guard").output());
        }
    }

    /**
     * The claim the guard rests on: an AF_PACKET socket of ETH_P_ALL (tcpdump's) sees a frame
     * before the netdev ingress hook drops it, so jlvsd gets every frame the kernel does not.
     */
    @Test
    void anAfPacketTapStillSeesWhatTheGuardDrops() throws Exception {
        try (KernelGuard guard = guard(NAT_SERVICE)) {
            Process tcpdump = lab.network.start(lab.director, "timeout", "10", "tcpdump", "-i", lab.clientSide, "-n", "-l",
                    "-c", "1", "tcp dst port 80");
            BufferedReader output = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = output.readLine(); line != null && !line.startsWith("listening on"); line = output.readLine()) {
                seen.append(line).append('\n');
            }

            assertEquals(TIMED_OUT, lab.connect(lab.client, VIP, 80));

            assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS), "tcpdump ends after one packet");
            seen.append(new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(seen.toString().contains("IP " + CLIENT_IP + ".") && seen.toString().contains(" > " + VIP + ".80: Flags [S]"),
                    seen.toString());
            assertTrue(droppedBy("@vip4") > 0, "and the guard dropped it: " + lab.nftList("list chain netdev jlvs guard"));
        }
    }

    @Test
    void aNatRealServersReplyIsNotForwardedWhileItsOtherTrafficIs() throws Exception {
        assertEquals(REFUSED, lab.connect(lab.realServer, CLIENT_IP, 9, "--local-port", "80"),
                "without the guard the director forwards from RIP:80, and the client's RST comes back");

        try (KernelGuard guard = guard(NAT_SERVICE)) {
            assertEquals(TIMED_OUT, lab.connect(lab.realServer, CLIENT_IP, 9, "--local-port", "80"),
                    "from RIP:80, a NAT real server's port, nothing reaches the client");
            assertEquals(REFUSED, lab.connect(lab.realServer, CLIENT_IP, 9, "--local-port", "8080"),
                    "from another port of the real server, forwarded as before");
            assertEquals(REFUSED, lab.connect(lab.director, REAL_SERVER_IP, 80),
                    "the director's own connection to RIP:80 (a health check) gets its answer");
            assertTrue(droppedBy("@nat4") > 0, lab.nftList("list chain netdev jlvs guard").output());
        }
    }

    @Test
    void aNatRealServersIcmpErrorIsNotForwardedWhileItsPingRepliesAre() throws Exception {
        assertEquals(1, lab.unreachablesForDatagramTo(REAL_SERVER_IP, 9),
                "without the guard the real server's port unreachable is forwarded to the client");

        try (KernelGuard guard = guard(NAT_SERVICE)) {
            assertEquals(0, lab.unreachablesForDatagramTo(REAL_SERVER_IP, 9),
                    "not with it (and the ping after the datagram got its echo reply through)");
            assertEquals(1, lab.unreachablesForDatagramTo(VIP, 54), "the director's own answers go on");
            assertTrue(droppedBy("@naticmp4") > 0, lab.nftList("list chain netdev jlvs guard").output());
        }
    }

    @Test
    void aFullnatRealServersReplyToALocalAddressIsNotAnsweredWhileItsOtherTrafficIs() throws Exception {
        ServiceEntry service = tcp(VIP, 80, real(REAL_SERVER_IP, 80, ForwardMethod.FULLNAT))
                .withLocalAddressAdded(InetAddress.ofLiteral(DIRECTOR_INNER_IP));
        assertEquals(REFUSED, lab.connect(lab.realServer, DIRECTOR_INNER_IP, 40000, "--local-port", "80"),
                "without the guard the director's kernel resets what comes to its local address");

        try (KernelGuard guard = KernelGuard.start(lab.directorNft(), lab.directorInterfaces(), table(service),
                ServiceEntry::localAddresses)) {
            assertEquals(TIMED_OUT, lab.connect(lab.realServer, DIRECTOR_INNER_IP, 40000, "--local-port", "80"),
                    "from RIP:80 to the local address: jlvsd's");
            assertEquals(REFUSED, lab.connect(lab.realServer, DIRECTOR_INNER_IP, 40000, "--local-port", "8080"),
                    "from another port of the real server: the kernel's");
            assertTrue(droppedBy("@fullnat4") > 0, lab.nftList("list chain netdev jlvs guard").output());
        }
    }

    @Test
    void deletingTheServiceRemovesItsRulesAndCloseTheTable() throws Exception {
        ServiceManager manager = new ServiceManager();
        KernelGuard guard = guard(manager.table());
        manager.addListener(guard);
        try {
            ok(manager.handle(new Command.AddService(tcp(VIP, 80).spec())));
            ok(manager.handle(new Command.AddDest(tcp(VIP, 80).key(), real(REAL_SERVER_IP, 80, ForwardMethod.MASQ))));
            assertEquals(TIMED_OUT, lab.connect(lab.client, VIP, 80));
            assertTrue(lab.nftList("list set netdev jlvs nat4").output().contains("tcp . " + REAL_SERVER_IP + " . 80"));

            ok(manager.handle(new Command.DelService(tcp(VIP, 80).key())));

            assertEquals(REFUSED, lab.connect(lab.client, VIP, 80), "the kernel answers VIP:80 again");
            for (String set : List.of("vip4", "nat4", "naticmp4")) {
                assertFalse(lab.nftList("list set netdev jlvs " + set).output().contains("elements"), set);
            }
        } finally {
            guard.close();
        }
        assertEquals("", lab.nftList("list tables").output(), "close() removes the table");
    }

    @Test
    void aLeftoverTableOfAKilledGuardIsReplacedAtStart() throws Exception {
        // what a jlvsd killed with -9 may leave: a table of the same name with rules of its own
        lab.directorNft().apply("table netdev jlvs {\n  chain leftover {\n    type filter hook ingress device \""
                + lab.clientSide + "\" priority 0; policy drop;\n  }\n}\n");
        assertFalse(lab.clientPings(VIP), "the leftover drops everything");

        try (KernelGuard guard = guard(NAT_SERVICE)) {
            assertTrue(lab.clientPings(VIP), "the leftover is gone");
            TestNetwork.Result tables = lab.nftList("list tables");
            assertEquals("table netdev jlvs\n", tables.output());
            String table = lab.nftList("list table netdev jlvs").output();
            assertFalse(table.contains("leftover"), table);
            assertTrue(table.contains("comment \"jlvsd (pid " + ProcessHandle.current().pid() + ")"), table);
            assertEquals(TIMED_OUT, lab.connect(lab.client, VIP, 80));
        }
    }

    @Test
    void aTableFlushedBehindJlvsdsBackIsInstalledAgainAtTheNextChange() throws Exception {
        ServiceManager manager = new ServiceManager();
        ok(manager.handle(new Command.AddService(tcp(VIP, 80).spec())));
        try (KernelGuard guard = guard(manager.table())) {
            manager.addListener(guard);
            lab.network.exec(lab.director, "nft", "flush", "ruleset");
            assertEquals(REFUSED, lab.connect(lab.client, VIP, 80), "the guard is gone");

            ok(manager.handle(new Command.AddService(tcp(VIP, 443).spec())));

            assertEquals(TIMED_OUT, lab.connect(lab.client, VIP, 443), "the new service is guarded");
            assertEquals(TIMED_OUT, lab.connect(lab.client, VIP, 80), "and the one from before");
        }
    }

    private static void ok(Reply reply) {
        assertInstanceOf(Reply.Ok.class, reply);
    }

    /** The packets the guard's rule matching this set has dropped, from its counter. */
    private long droppedBy(String set) {
        String chain = lab.nftList("list chain netdev jlvs guard").output();
        Matcher matcher = Pattern.compile(Pattern.quote(set) + ".* counter packets (\\d+) ").matcher(chain);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
