package io.jlvs.daemon;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jlvs rs-setup on a real kernel, in network namespaces: what DR's start, status and stop do to
 * addresses and sysctls, and a TUN real server without the kernel's ipip taking an IPIP-wrapped
 * request and answering the client directly from the VIP. Root only (skipped with the reason
 * otherwise, failed under JLVS_REQUIRE_NETNS=1).
 */
@Tag("root")
class RsSetupNamespaceTest {
    private static final String VIP = "10.77.9.100";
    private static final String VIP6 = "2001:db8:77::100";

    @TempDir
    Path run;

    private String[] rsSetup(String... args) {
        List<String> command = new ArrayList<>(DaemonProcesses.javaCommand());
        command.add(1, "--enable-native-access=ALL-UNNAMED");
        command.add("rs-setup");
        command.addAll(List.of(args));
        command.addAll(List.of("--run-dir", run.toString()));
        return command.toArray(String[]::new);
    }

    /** Where rs-setup keeps the files of namespace ns: a directory of the run directory named by the namespace's inode. */
    private Path runOf(TestNetwork network, String ns) {
        return run.resolve("netns-" + network.exec(ns, "stat", "-L", "-c", "%i", "/proc/self/ns/net").strip());
    }

    private static String sysctl(TestNetwork network, String ns, String key) {
        return network.exec(ns, "cat", "/proc/sys/" + key).strip();
    }

    private static void sysctl(TestNetwork network, String ns, String key, String value) {
        network.exec(ns, "sh", "-c", "echo " + value + " > /proc/sys/" + key);
    }

    @Test
    void drStartSetsTheSeedsSettingsStatusSaysSoAndStopPutsBackWhatWasThere() {
        try (TestNetwork network = TestNetwork.open()) {
            String rs = network.namespace("rs");
            // Before: arp_ignore 2 on all already hides the VIP (kept), arp_announce 1 on lo is not enough (changed).
            sysctl(network, rs, "net/ipv4/conf/all/arp_ignore", "2");
            sysctl(network, rs, "net/ipv4/conf/lo/arp_announce", "1");

            TestNetwork.Result before = network.run(rs, rsSetup("dr", "--vip", VIP, "--vip", VIP6, "status"));
            assertEquals(1, before.exitCode(), before.output());
            assertTrue(before.output().contains("missing: arp_ignore is 0 on lo"), before.output());
            assertTrue(before.output().contains("missing: VIP " + VIP + " is not on lo: the director sends requests for "
                    + VIP + " to this server unchanged"), before.output());
            assertTrue(before.output().contains("ok: arp_ignore is 2 on all"), before.output());

            TestNetwork.Result start = network.run(rs, rsSetup("dr", "--vip", VIP, "--vip", VIP6, "start"));
            assertEquals(0, start.exitCode(), start.output());
            String lo = network.exec(rs, "ip", "-o", "addr", "show", "dev", "lo");
            assertTrue(lo.contains("inet " + VIP + "/32 scope global lo:0"), lo);
            assertTrue(lo.contains("inet6 " + VIP6 + "/128 scope global nodad"), lo);
            assertEquals("2", sysctl(network, rs, "net/ipv4/conf/all/arp_ignore"));
            assertEquals("1", sysctl(network, rs, "net/ipv4/conf/lo/arp_ignore"));
            assertEquals("2", sysctl(network, rs, "net/ipv4/conf/all/arp_announce"));
            assertEquals("2", sysctl(network, rs, "net/ipv4/conf/lo/arp_announce"));

            TestNetwork.Result status = network.run(rs, rsSetup("dr", "--vip", VIP, "--vip", VIP6, "status"));
            assertEquals(0, status.exitCode(), status.output());
            assertFalse(status.output().contains("missing"), status.output());

            TestNetwork.Result again = network.run(rs, rsSetup("dr", "--vip", VIP, "--vip", VIP6, "start"));
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("already running"), again.output());

            TestNetwork.Result stop = network.run(rs, rsSetup("dr", "--vip", VIP, "--vip", VIP6, "stop"));
            assertEquals(0, stop.exitCode(), stop.output());
            lo = network.exec(rs, "ip", "-o", "addr", "show", "dev", "lo");
            assertFalse(lo.contains(VIP), lo);
            assertFalse(lo.contains(VIP6), lo);
            assertEquals("2", sysctl(network, rs, "net/ipv4/conf/all/arp_ignore"));
            assertEquals("0", sysctl(network, rs, "net/ipv4/conf/lo/arp_ignore"));
            assertEquals("0", sysctl(network, rs, "net/ipv4/conf/all/arp_announce"));
            assertEquals("1", sysctl(network, rs, "net/ipv4/conf/lo/arp_announce"));
            assertFalse(Files.exists(runOf(network, rs).resolve("rs-setup.state")), "nothing left to undo");
        }
    }

    /** ip netns exec shares /run: two real servers on one host must not share one undo log. */
    @Test
    void eachNetworkNamespaceKeepsItsOwnStateSoStoppingOneLeavesTheOtherInPlace() throws IOException {
        try (TestNetwork network = TestNetwork.open()) {
            String first = network.namespace("rs1");
            String second = network.namespace("rs2");
            for (String rs : List.of(first, second)) {
                TestNetwork.Result start = network.run(rs, rsSetup("dr", "--vip", VIP, "start"));
                assertEquals(0, start.exitCode(), start.output());
                assertTrue(start.output().contains("this real server is ready"), start.output());
            }

            TestNetwork.Result stopFirst = network.run(first, rsSetup("dr", "--vip", VIP, "stop"));

            assertEquals(0, stopFirst.exitCode(), stopFirst.output());
            assertDrStopped(network, first);
            assertTrue(network.exec(second, "ip", "-o", "addr", "show", "dev", "lo")
                    .contains("inet " + VIP + "/32 scope global lo:0"));
            for (String key : List.of("all/arp_ignore", "lo/arp_ignore")) {
                assertEquals("1", sysctl(network, second, "net/ipv4/conf/" + key), key);
            }
            for (String key : List.of("all/arp_announce", "lo/arp_announce")) {
                assertEquals("2", sysctl(network, second, "net/ipv4/conf/" + key), key);
            }

            TestNetwork.Result stopSecond = network.run(second, rsSetup("dr", "--vip", VIP, "stop"));

            assertEquals(0, stopSecond.exitCode(), stopSecond.output());
            assertTrue(stopSecond.output().contains("jlvs rs-setup: stopped"), stopSecond.output());
            assertDrStopped(network, second);
            assertEquals(List.of(), leftInRun(), "nothing left to undo, no namespace's directory left");
        }
    }

    private List<Path> leftInRun() throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(file -> !file.equals(run)).toList();
        }
    }

    private static void assertDrStopped(TestNetwork network, String rs) {
        assertFalse(network.exec(rs, "ip", "-o", "addr", "show", "dev", "lo").contains(VIP), rs);
        for (String key : List.of("all/arp_ignore", "lo/arp_ignore", "all/arp_announce", "lo/arp_announce")) {
            assertEquals("0", sysctl(network, rs, "net/ipv4/conf/" + key), rs + " " + key);
        }
    }

    @Test
    void withoutRootsCapabilitiesStartIsRefusedAndChangesNothing() {
        try (TestNetwork network = TestNetwork.open()) {
            String rs = network.namespace("rs");
            List<String> command = new ArrayList<>(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"));
            command.addAll(List.of(rsSetup("dr", "--vip", VIP, "start")));

            TestNetwork.Result start = network.run(rs, command.toArray(String[]::new));

            assertEquals(1, start.exitCode(), start.output());
            assertTrue(start.output().contains("jlvs rs-setup: start needs root (CAP_NET_ADMIN and CAP_NET_RAW: it changes"
                    + " addresses and kernel settings); run it as root (sudo jlvs rs-setup ...)"), start.output());
            assertEquals("0", sysctl(network, rs, "net/ipv4/conf/all/arp_ignore"));
            assertFalse(network.exec(rs, "ip", "-o", "addr", "show", "dev", "lo").contains(VIP));
        }
    }

    @Test
    void tunWithoutIpipUnwrapsTheDirectorsPacketsForTheListenersOnTheVipsWhichAnswerTheClientDirectly()
            throws IOException {
        try (TestNetwork network = TestNetwork.open()) {
            String dir = network.namespace("dir");
            String rs = network.namespace("rs");
            Path rsRun = runOf(network, rs);
            String dirEnd = network.prefix() + "d";
            String rsEnd = network.prefix() + "r";
            network.veth(dir, dirEnd, rs, rsEnd);
            network.exec(dir, "ip", "addr", "add", "10.77.0.1/24", "dev", dirEnd);
            network.exec(dir, "ip", "addr", "add", "fd77::1/64", "dev", dirEnd, "nodad");
            network.exec(dir, "ip", "addr", "add", "192.0.2.10/32", "dev", "lo");
            network.exec(dir, "ip", "addr", "add", "2001:db8:c::10/128", "dev", "lo");
            network.exec(rs, "ip", "addr", "add", "10.77.0.2/24", "dev", rsEnd);
            network.exec(rs, "ip", "addr", "add", "fd77::2/64", "dev", rsEnd, "nodad");
            network.exec(rs, "ip", "route", "add", "192.0.2.0/24", "via", "10.77.0.1");
            network.exec(rs, "ip", "route", "add", "2001:db8:c::/64", "via", "fd77::1");
            // The strict reverse-path filter a distribution sets, which the unwrapped packets must get past.
            sysctl(network, rs, "net/ipv4/conf/all/rp_filter", "1");
            try {
                TestNetwork.Result start = network.run(rs, rsSetup("tun", "--vip", VIP, "--vip", VIP6, "start"));
                assertEquals(0, start.exitCode(), start.output());
                assertTrue(start.output().contains("started the decapsulator"), start.output());
                assertTrue(network.exec(rs, "ip", "-o", "link", "show", "jlvstun0").contains(",UP"));
                assertEquals("0", sysctl(network, rs, "net/ipv4/conf/all/rp_filter"));

                awaitLine(network.start(rs, testMain(UdpEchoServer.class, VIP, "7777")), "listening");
                awaitLine(network.start(rs, testMain(UdpEchoServer.class, VIP6, "7777")), "listening");
                String answer = network.exec(dir, testMain(IpipUdpClient.class, "192.0.2.10", "5555", VIP, "7777",
                        "10.77.0.2", "hello-through-the-tunnel", "10"));
                assertTrue(answer.contains("answer from " + VIP + ":7777: echo: hello-through-the-tunnel"), answer);
                String answer6 = network.exec(dir, testMain(IpipUdpClient.class, "2001:db8:c::10", "5555", VIP6,
                        "7777", "fd77::2", "hello-through-the-ipv6-tunnel", "10"));
                assertTrue(answer6.contains("answer from " + VIP6 + ":7777: echo: hello-through-the-ipv6-tunnel"),
                        answer6);

                TestNetwork.Result status = network.run(rs, rsSetup("tun", "--vip", VIP, "--vip", VIP6, "status"));
                assertEquals(0, status.exitCode(), status.output());

                TestNetwork.Result stop = network.run(rs, rsSetup("tun", "--vip", VIP, "--vip", VIP6, "stop"));
                assertEquals(0, stop.exitCode(), stop.output());
                assertEquals(1, network.run(rs, "ip", "link", "show", "jlvstun0").exitCode(), "jlvstun0 is gone");
                String log = Files.readString(rsRun.resolve("rs-decapsulator.log"));
                assertTrue(log.contains("jlvs rs-decapsulator: stopping (passed on 2 packets; dropped: truncated 0"
                        + " not_a_tunnel_packet 0 inner_version_mismatch 0 not_for_a_vip 0 refused_by_device 0)"), log);
                assertEquals("1", sysctl(network, rs, "net/ipv4/conf/all/rp_filter"));
                assertFalse(network.exec(rs, "ip", "-o", "addr", "show", "dev", "lo").contains(VIP));
                String after = network.exec(dir, testMain(IpipUdpClient.class, "192.0.2.10", "5556", VIP, "7777",
                        "10.77.0.2", "after-stop", "2"));
                assertTrue(after.contains("no answer"), after);
            } finally {
                killLeftDecapsulator(rsRun);
            }
        }
    }

    /**
     * The kernel-ipip plan's changes on a real kernel. This kernel has no ipip, so a veth named tunl0
     * stands in for the ipip driver's device: what is checked is what rs-setup does to it (up, the
     * VIP with its label, the sysctls) and that stop puts it all back, not tunnelled traffic.
     */
    @Test
    void tunWhereTunl0ExistsPutsTheVipOnTunl0AndStartsNoDecapsulator() {
        try (TestNetwork network = TestNetwork.open()) {
            String rs = network.namespace("rs");
            network.exec(rs, "ip", "link", "add", "tunl0", "type", "veth", "peer", "name", network.prefix() + "p");
            sysctl(network, rs, "net/ipv4/conf/all/rp_filter", "1");
            sysctl(network, rs, "net/ipv4/conf/tunl0/rp_filter", "1");

            TestNetwork.Result start = network.run(rs, rsSetup("tun", "--vip", VIP, "start"));

            assertEquals(0, start.exitCode(), start.output());
            assertTrue(start.output().endsWith("jlvs rs-setup: this real server is ready: TUN (the kernel's ipip on"
                    + " tunl0) for VIP " + VIP + "\n"), start.output());
            assertTrue(network.exec(rs, "ip", "-o", "link", "show", "tunl0").contains(",UP"));
            assertTrue(network.exec(rs, "ip", "-o", "addr", "show", "dev", "tunl0")
                    .contains("inet " + VIP + "/32 scope global tunl0:0"));
            assertEquals("1", sysctl(network, rs, "net/ipv4/conf/tunl0/arp_ignore"));
            assertEquals("2", sysctl(network, rs, "net/ipv4/conf/tunl0/arp_announce"));
            assertEquals("0", sysctl(network, rs, "net/ipv4/conf/tunl0/rp_filter"));
            assertEquals("0", sysctl(network, rs, "net/ipv4/conf/all/rp_filter"));
            assertFalse(Files.exists(runOf(network, rs).resolve("rs-decapsulator.pid")));
            assertEquals(0, network.run(rs, rsSetup("tun", "--vip", VIP, "status")).exitCode());

            TestNetwork.Result stop = network.run(rs, rsSetup("tun", "--vip", VIP, "stop"));

            assertEquals(0, stop.exitCode(), stop.output());
            assertFalse(network.exec(rs, "ip", "-o", "link", "show", "tunl0").contains(",UP"));
            assertFalse(network.exec(rs, "ip", "-o", "addr", "show", "dev", "tunl0").contains(VIP));
            assertEquals("0", sysctl(network, rs, "net/ipv4/conf/tunl0/arp_ignore"));
            assertEquals("1", sysctl(network, rs, "net/ipv4/conf/tunl0/rp_filter"));
            assertEquals("1", sysctl(network, rs, "net/ipv4/conf/all/rp_filter"));
        }
    }

    /** A decapsulator left by a failed assertion would keep the namespace alive: killed by its PID file. */
    private static void killLeftDecapsulator(Path rsRun) throws IOException {
        Path pidFile = rsRun.resolve("rs-decapsulator.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String[] testMain(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(DaemonProcesses.javaCommand());
        command.set(command.size() - 1, main.getName());
        command.add(1, "--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    private static void awaitLine(Process process, String line) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String read;
        while ((read = reader.readLine()) != null) {
            if (read.equals(line)) {
                return;
            }
        }
        throw new AssertionError("the process ended before printing " + line);
    }
}
