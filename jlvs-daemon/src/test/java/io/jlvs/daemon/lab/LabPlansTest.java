package io.jlvs.daemon.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five plans hold what their seeds set up: the director's VIP, forwarding, gateways, the adm commands. */
class LabPlansTest {

    private static List<String> commands(LabPlan plan, String role) {
        return plan.hostSetup().stream().filter(s -> role.equals(s.role())).map(s -> String.join(" ", s.argv())).toList();
    }

    private static List<String> adm(LabPlan plan) {
        return plan.serviceSetup().stream().map(c -> String.join(" ", c)).toList();
    }

    @ParameterizedTest
    @EnumSource(LabKind.class)
    void theVipIsOnTheDirectorsEth0AsTheSeedsIfconfigEth0Colon0(LabKind kind) {
        LabPlan plan = LabPlans.of(kind);
        assertTrue(commands(plan, plan.director()).contains("ip addr add 172.16.13.11/32 brd 172.16.13.11 dev eth0 label eth0:0"),
                commands(plan, plan.director()).toString());
        assertEquals("-A -t 172.16.13.11:80 -s rr", adm(plan).getFirst());
        assertEquals(kind, LabKind.of(kind.label()));
    }

    @ParameterizedTest
    @EnumSource(LabKind.class)
    void everyAddressIsOnAnInterfaceTheTopologyAttaches(LabKind kind) {
        LabPlan plan = LabPlans.of(kind);
        Set<String> attached = plan.attachments().stream().map(a -> a.role() + " " + a.iface()).collect(Collectors.toSet());
        for (Step step : plan.hostSetup()) {
            List<String> argv = step.argv();
            if (argv.subList(0, 3).equals(List.of("ip", "addr", "add"))) {
                String dev = argv.get(argv.indexOf("dev") + 1);
                assertTrue(attached.contains(step.role() + " " + dev), step + " is on no attached interface");
            }
        }
        for (String iface : plan.directorInterfaces()) {
            assertTrue(attached.contains(plan.director() + " " + iface), iface);
        }
        for (Attachment a : plan.attachments()) {
            assertTrue(a.port().length() <= 15, a.port() + ": the kernel's limit is 15 characters");
        }
    }

    @Test
    void natRealServersRouteThroughTheDirectorWhichForwards() {
        LabPlan plan = LabPlans.of(LabKind.NAT);
        assertTrue(commands(plan, "dir").contains("ip addr add 192.168.13.10/24 dev eth1"));
        assertTrue(commands(plan, "dir").contains("sysctl -w net.ipv4.ip_forward=1"));
        for (RealServer server : plan.realServers()) {
            assertTrue(commands(plan, server.role()).contains("ip route add default via 192.168.13.10"), server.toString());
        }
        assertEquals(List.of("-A -t 172.16.13.11:80 -s rr", "-a -t 172.16.13.11:80 -r 192.168.13.13:80 -m",
                "-a -t 172.16.13.11:80 -r 192.168.13.14:80 -m"), adm(plan));
        assertEquals(List.of("eth0", "eth1"), plan.directorInterfaces());
        assertEquals(new ModeProof.SeesClient("172.16.13.21"), plan.proof());
        assertTrue(plan.realServerSetup().isEmpty());
    }

    @Test
    void drIsOneLanWithTheRealServersSetUpByRsSetup() {
        LabPlan plan = LabPlans.of(LabKind.DR);
        assertEquals(List.of("lan"), plan.segments());
        assertEquals(List.of("-A -t 172.16.13.11:80 -s rr", "-a -t 172.16.13.11:80 -r 172.16.13.13:80 -g",
                "-a -t 172.16.13.11:80 -r 172.16.13.14:80 -g"), adm(plan));
        assertEquals(List.of("dr", "--vip", "172.16.13.11"), plan.realServerSetup());
        assertEquals(new ModeProof.RepliesBypassDirector(), plan.proof());
    }

    @Test
    void drRoutedPutsTheRouterInFrontAndRoutesTheVipToTheDirector() {
        LabPlan plan = LabPlans.of(LabKind.DR_ROUTED);
        assertTrue(commands(plan, "router").contains("sysctl -w net.ipv4.ip_forward=1"));
        assertTrue(commands(plan, "router").contains("ip route add 172.16.13.11/32 via 192.168.1.10"));
        assertTrue(commands(plan, "dir").contains("ip route add default via 192.168.1.254"));
        for (RealServer server : plan.realServers()) {
            assertTrue(commands(plan, server.role()).contains("ip route add default via 192.168.1.254"), server.toString());
        }
        assertTrue(commands(plan, "client").contains("ip route add default via 10.0.0.254"));
        assertEquals(List.of("dr", "--vip", "172.16.13.11"), plan.realServerSetup());
    }

    @Test
    void tunRealServersAreOnAnotherSubnetAndDoNotRouteThroughTheDirector() {
        LabPlan plan = LabPlans.of(LabKind.TUN);
        assertTrue(adm(plan).contains("-a -t 172.16.13.11:80 -r 10.20.0.13:80 -i"));
        for (RealServer server : plan.realServers()) {
            assertTrue(commands(plan, server.role()).contains("ip route add default via 10.20.0.254"), server.toString());
        }
        assertEquals(List.of("tun", "--vip", "172.16.13.11"), plan.realServerSetup());
        assertTrue(commands(plan, "dir").contains("ip route add 10.20.0.0/24 via 172.16.13.254"));
    }

    @Test
    void fullnatAddsTheLocalAddressAndLeavesTheRealServersWithoutARouteToClients() {
        LabPlan plan = LabPlans.of(LabKind.FULLNAT);
        assertEquals(List.of("-A -t 172.16.13.11:80 -s rr", "-P -t 172.16.13.11:80 -z 192.168.13.100",
                "-a -t 172.16.13.11:80 -r 192.168.13.13:80 --fullnat", "-a -t 172.16.13.11:80 -r 192.168.13.14:80 --fullnat"),
                adm(plan));
        assertTrue(commands(plan, "dir").contains("ip addr add 192.168.13.100/32 dev eth1"));
        assertTrue(commands(plan, "dir").contains("sysctl -w net.ipv4.ip_forward=1"));
        for (RealServer server : plan.realServers()) {
            assertFalse(commands(plan, server.role()).stream().anyMatch(c -> c.startsWith("ip route")), server.toString());
        }
        assertEquals(new ModeProof.SeesLocalAddress("192.168.13.100"), plan.proof());
    }

    @Test
    void theTopologyMakesANamespacePerHostAndABridgePerLan() {
        LabPlan plan = LabPlans.of(LabKind.DR_ROUTED);
        List<String> steps = LabTopology.steps(plan, "jlab1").stream()
                .map(s -> (s.role() == null ? "" : "[" + s.role() + "] ") + String.join(" ", s.argv())).toList();
        assertEquals(List.of("client", "router", "dir", "rs1", "rs2", "lan"), plan.roles());
        assertTrue(steps.contains("ip netns add jlab1-router"));
        assertTrue(steps.contains("[lan] ip link add front type bridge"));
        assertTrue(steps.contains("ip link add eth1 netns jlab1-router type veth peer name router-eth1 netns jlab1-lan"));
        assertTrue(steps.contains("[lan] ip link set router-eth1 master lan up"));
        assertTrue(steps.contains("[router] ip link set eth1 up"));
    }

    @Test
    void anUnknownLabIsNamedWithTheFive() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LabKind.of("masq"));
        assertEquals("no lab 'masq'; the labs are nat, dr, dr-routed, tun and fullnat", e.getMessage());
    }
}
