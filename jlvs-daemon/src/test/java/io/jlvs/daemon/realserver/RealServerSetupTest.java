package io.jlvs.daemon.realserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rs-setup's start, stop and status against a host in memory: what changes, what is restored, what status says. */
class RealServerSetupTest {
    private static final List<InetAddress> VIP = List.of(InetAddress.ofLiteral("10.0.0.100"));

    @TempDir
    Path run;

    private final FakeRealServerHost host = new FakeRealServerHost();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private RealServerSetup setup() {
        return new RealServerSetup(host, run.resolve(SetupState.FILE_NAME),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        String text = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        return text;
    }

    private record Snapshot(Map<String, String> sysctls, Map<String, Integer> addresses, Map<String, Boolean> links) {
    }

    private Snapshot snapshot() {
        return new Snapshot(Map.copyOf(host.sysctls), Map.copyOf(host.addresses), Map.copyOf(host.links));
    }

    @Test
    void drStartDoesWhatTheSeedsScriptDoesInItsOrderAndStopPutsEverythingBack() throws IOException {
        Snapshot before = snapshot();

        assertEquals(0, setup().start("dr", VIP));

        assertEquals("""
                echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore   (was 0)
                echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore   (was 0)
                echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce   (was 0)
                echo 2 > /proc/sys/net/ipv4/conf/lo/arp_announce   (was 0)
                added 10.0.0.100/32 to lo as lo:0
                jlvs rs-setup: this real server is ready: DR for VIP 10.0.0.100
                """, output());
        assertEquals(32, host.prefixLength("lo", VIP.getFirst()));

        assertEquals(0, setup().stop("dr", VIP));
        assertEquals(before, snapshot());
        assertFalse(Files.exists(run.resolve(SetupState.FILE_NAME)));
        assertTrue(output().endsWith("jlvs rs-setup: stopped; everything start changed is back as it was\n"));
    }

    @Test
    void statusSaysWhatIsMissingAndWhyInTheWordsOfTheSeeds() throws IOException {
        assertEquals(1, setup().status("dr", VIP));

        assertEquals("""
                rs-setup DR for VIP 10.0.0.100:
                missing: arp_ignore is 0 on all: this real server answers ARP for VIP 10.0.0.100, so the client's \
                requests may reach it directly instead of the director (and the other real servers get none)
                missing: arp_ignore is 0 on lo: the seeds' script sets it on lo as well as on all (the kernel uses \
                the larger of the two)
                missing: arp_announce is 0 on all: this real server may use VIP 10.0.0.100 as the source of its own \
                ARP requests, so its neighbours learn its MAC for the VIP and send the client's requests to it \
                instead of the director
                missing: arp_announce is 0 on lo: the seeds' script sets it on lo as well as on all (the kernel uses \
                the larger of the two)
                missing: VIP 10.0.0.100 is not on lo: the director sends requests for 10.0.0.100 to this server \
                unchanged (DR keeps the VIP as destination), and the kernel drops them because 10.0.0.100 is not \
                one of its addresses
                5 missing
                """, output());
    }

    @Test
    void statusIsZeroOnlyWhenEverythingIsInPlace() throws IOException {
        setup().start("dr", VIP);
        output();
        assertEquals(0, setup().status("dr", VIP));
        assertTrue(output().endsWith("ok: VIP 10.0.0.100/32 is on lo\neverything is in place\n"));

        host.sysctls.put("net/ipv4/conf/all/arp_announce", "1");
        assertEquals(1, setup().status("dr", VIP));
        assertTrue(output().contains("missing: arp_announce is 1 on all: "));
    }

    @Test
    void whatWasInPlaceBeforeStartStaysAfterStop() throws IOException {
        host.sysctls.put("net/ipv4/conf/all/arp_ignore", "2");
        host.addresses.put("lo 10.0.0.100", 32);
        Snapshot before = snapshot();

        setup().start("dr", VIP);
        assertTrue(output().contains("net.ipv4.conf.all.arp_ignore is 2 already\n"));
        setup().stop("dr", VIP);

        assertEquals(before, snapshot());
    }

    @Test
    void aStartThatFailsHalfwayUndoesItsOwnChanges() {
        host.failing = "addAddress";
        Snapshot before = snapshot();

        SetupException e = assertThrows(SetupException.class, () -> setup().start("dr", VIP));

        assertEquals("addAddress failed (as the test asked); nothing was changed", e.getMessage());
        assertEquals(before, snapshot());
        assertFalse(Files.exists(run.resolve(SetupState.FILE_NAME)));
    }

    @Test
    void aDecapsulatorThatCannotStartLeavesNothingOfTheStartBehind() {
        host.failing = "startDecapsulator";
        Snapshot before = snapshot();

        SetupException e = assertThrows(SetupException.class, () -> setup().start("tun", VIP));

        assertEquals("startDecapsulator failed (as the test asked); nothing was changed", e.getMessage());
        assertEquals(before, snapshot());
        assertFalse(Files.exists(run.resolve(SetupState.FILE_NAME)));
    }

    @Test
    void startTwiceSaysItIsRunningAndStartForOtherVipsIsRefusedWithoutAChange() throws IOException {
        setup().start("dr", VIP);
        output();
        assertEquals(0, setup().start("dr", VIP));
        assertTrue(output().endsWith("jlvs rs-setup: already running: DR for VIP 10.0.0.100; 'status' shows what is"
                + " in place\n"));

        Snapshot started = snapshot();
        List<InetAddress> other = List.of(InetAddress.ofLiteral("10.0.0.101"));
        SetupException e = assertThrows(SetupException.class, () -> setup().start("dr", other));
        assertTrue(e.getMessage().startsWith("rs-setup was started as DR for VIP 10.0.0.100"), e.getMessage());
        assertTrue(e.getMessage().endsWith("stop it first with: jlvs rs-setup dr --vip 10.0.0.100 stop"));
        assertEquals(started, snapshot());
        assertThrows(SetupException.class, () -> setup().stop("tun", VIP));
        assertEquals(started, snapshot());
    }

    @Test
    void aVipOnLoWithASubnetPrefixIsNamedAndLeftAlone() throws IOException {
        host.addresses.put("lo 10.0.0.100", 24);

        setup().status("dr", VIP);
        assertTrue(output().contains("missing: VIP 10.0.0.100 is on lo as /24, not /32: "));
        SetupException e = assertThrows(SetupException.class, () -> setup().start("dr", VIP));

        assertTrue(e.getMessage().startsWith("10.0.0.100 is on lo as /24, not /32: remove it first"), e.getMessage());
        assertEquals(24, host.prefixLength("lo", VIP.getFirst()));
        assertEquals("0", host.sysctl("net/ipv4/conf/all/arp_ignore"), "the settings made before are undone");
    }

    /** The other half of seed 001's answer: a VIP on eth0:0 of a real server is answered for whatever arp_ignore says. */
    @Test
    void aVipAlsoOnAnotherDeviceIsNamedByStatusAndStartWarnsOfIt() throws IOException {
        host.addresses.put("eth0 10.0.0.100", 24);

        setup().start("dr", VIP);
        String warning = "VIP 10.0.0.100 is also on eth0: this real server answers ARP for it there whatever"
                + " arp_ignore says, so the client's requests may reach it directly instead of the director; remove it"
                + " from eth0";
        assertTrue(output().contains("warning: " + warning + "\n"));
        assertEquals(1, setup().status("dr", VIP));
        assertTrue(output().contains("missing: " + warning + "\n"));

        host.addresses.remove("eth0 10.0.0.100");
        assertEquals(0, setup().status("dr", VIP));
    }

    @Test
    void stopWithoutAStartSaysThereIsNothingToStop() throws IOException {
        assertEquals(0, setup().stop("dr", VIP));
        assertTrue(output().startsWith("jlvs rs-setup: nothing to stop"));
    }

    @Test
    void tunWithoutIpipRunsTheDecapsulatorAndStatusNoticesWhenItDies() throws IOException {
        Snapshot before = snapshot();

        setup().start("tun", VIP);
        assertTrue(output().contains("started the decapsulator (pid 4242): the IPIP packets for 10.0.0.100 go"
                + " unwrapped to jlvstun0\necho 0 > /proc/sys/net/ipv4/conf/jlvstun0/rp_filter   (was 1)\n"
                + "echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter   (was 1)\n"));
        assertEquals(0, setup().status("tun", VIP));

        host.decapsulators.clear();
        output();
        assertEquals(1, setup().status("tun", VIP));
        assertTrue(output().contains("missing: the decapsulator (pid 4242) is not running any more: this kernel has no"
                + " ipip, so the IPIP packets the director sends to this server are dropped\n"));

        setup().start("tun", VIP);
        assertTrue(output().contains("started the decapsulator (pid 4243)"));
        assertEquals(1, SetupState.read(run.resolve(SetupState.FILE_NAME)).undos().stream()
                .filter(Undo.StopDecapsulator.class::isInstance).count(), "one decapsulator recorded");

        setup().stop("tun", VIP);
        assertTrue(host.decapsulators.isEmpty());
        assertEquals(before, snapshot());
    }

    @Test
    void tunWithTheKernelsIpipPutsTheVipOnTunl0AndBringsItUp() throws IOException {
        host.links.put("tunl0", false);
        host.sysctls.put("net/ipv4/conf/tunl0/arp_ignore", "0");
        host.sysctls.put("net/ipv4/conf/tunl0/arp_announce", "0");
        host.sysctls.put("net/ipv4/conf/tunl0/rp_filter", "1");
        Snapshot before = snapshot();

        setup().start("tun", VIP);

        assertEquals("""
                set tunl0 up
                added 10.0.0.100/32 to tunl0 as tunl0:0
                echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore   (was 0)
                echo 1 > /proc/sys/net/ipv4/conf/tunl0/arp_ignore   (was 0)
                echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce   (was 0)
                echo 2 > /proc/sys/net/ipv4/conf/tunl0/arp_announce   (was 0)
                echo 0 > /proc/sys/net/ipv4/conf/tunl0/rp_filter   (was 1)
                echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter   (was 1)
                jlvs rs-setup: this real server is ready: TUN (the kernel's ipip on tunl0) for VIP 10.0.0.100
                """, output());
        assertTrue(host.decapsulators.isEmpty());
        assertEquals(0, setup().status("tun", VIP));

        setup().stop("tun", VIP);
        assertEquals(before, snapshot());
    }
}
