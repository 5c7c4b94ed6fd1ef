package io.jlvs.io.linux.netlink;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RTM_GETADDR, RTM_NEWADDR and RTM_DELADDR against {@code ip -j addr} in the same namespace: what is
 * listed, added and deleted is what ip sees, and a refused request names the operation and the
 * kernel's reason and leaves the addresses as they were.
 */
@Tag("root")
class RouteNetlinkAddressesTest {
    private static final long DAD_WAIT_MILLIS = 10_000;
    @RegisterExtension
    static final TwoNamespaces net = new TwoNamespaces();

    @Test
    void theAddressesAreWhatIpAddrShows() throws Exception {
        String label = net.nlInterface + ":7";
        net.network.exec(net.nl, "ip", "addr", "add", "10.7.1.1/24", "dev", net.nlInterface, "label", label);
        net.network.exec(net.nl, "ip", "addr", "add", "10.7.1.2/24", "dev", net.nlInterface);
        net.network.exec(net.nl, "ip", "addr", "add", "2001:db8:7::1/64", "dev", net.nlInterface, "nodad");
        try {
            awaitNoTentativeAddress();
            TwoNamespaces.Listings listings = TwoNamespaces.heldStill(() -> ipAddresses(net.ip(net.nl, "addr", "show")),
                    () -> net.netlink.addresses().stream().map(RouteNetlinkAddressesTest::describe).toList());
            List<String> actual = listings.ours();

            assertEquals(listings.ip(), actual);
            int index = net.netlink.link(net.nlInterface).index();
            assertTrue(actual.contains(index + " 10.7.1.1/24 label " + label + " scope global"), actual::toString);
            assertTrue(actual.contains(index + " 10.7.1.2/24 label " + net.nlInterface + " scope global secondary"),
                    actual::toString);
            assertTrue(actual.contains(index + " 2001:db8:7:0:0:0:0:1/64 label null scope global nodad"), actual::toString);
            assertEquals(actual.stream().filter(line -> line.startsWith(index + " ")).toList(),
                    net.netlink.addresses(net.nlInterface).stream().map(RouteNetlinkAddressesTest::describe).sorted()
                            .toList());
        } finally {
            net.network.run(net.nl, "ip", "addr", "del", "10.7.1.2/24", "dev", net.nlInterface);
            net.network.run(net.nl, "ip", "addr", "del", "10.7.1.1/24", "dev", net.nlInterface);
            net.network.run(net.nl, "ip", "addr", "del", "2001:db8:7::1/64", "dev", net.nlInterface);
        }
    }

    @Test
    void aVipAddedToLoWithALabelAndHostScopeIsWhatIpShowsAndIsDeletedAgain() throws Exception {
        InetAddress vip = InetAddress.getByName("10.0.0.100");

        net.netlink.addAddress(NewAddress.of("lo", vip, 32).withLabel("lo:0").withScope(AddressScope.HOST));

        JsonNode shown = ipAddress("lo", "10.0.0.100").orElseThrow(() -> new AssertionError("ip does not show the VIP"));
        assertEquals(32, shown.get("prefixlen").asInt());
        assertEquals("lo:0", shown.get("label").asText());
        assertEquals("host", shown.get("scope").asText());

        net.netlink.deleteAddress("lo", vip, 32);

        assertEquals(Optional.empty(), ipAddress("lo", "10.0.0.100"));
    }

    @Test
    void anIpv6VipAddedWithoutDadIsUsableAtOnceUnlikeOneWithDad() throws Exception {
        InetAddress noDad = InetAddress.getByName("2001:db8::100");
        InetAddress withDad = InetAddress.getByName("2001:db8::101");
        try {
            net.netlink.addAddress(NewAddress.of(net.nlInterface, noDad, 128).withNoDad());
            net.netlink.addAddress(NewAddress.of(net.nlInterface, withDad, 128));

            JsonNode shownNoDad = ipAddress(net.nlInterface, "2001:db8::100").orElseThrow();
            assertTrue(shownNoDad.path("nodad").asBoolean(), shownNoDad::toString);
            assertFalse(shownNoDad.path("tentative").asBoolean(), shownNoDad::toString);
            assertTrue(ipAddress(net.nlInterface, "2001:db8::101").orElseThrow().path("tentative").asBoolean());
            InterfaceAddress listed = net.netlink.addresses(net.nlInterface).stream()
                    .filter(address -> address.address().equals(noDad)).findFirst().orElseThrow();
            assertTrue(listed.usable());
            assertEquals(InterfaceAddress.IFA_F_NODAD, listed.flags() & InterfaceAddress.IFA_F_NODAD);
        } finally {
            net.network.run(net.nl, "ip", "addr", "del", "2001:db8::100/128", "dev", net.nlInterface);
            net.network.run(net.nl, "ip", "addr", "del", "2001:db8::101/128", "dev", net.nlInterface);
        }
        assertEquals(Optional.empty(), ipAddress(net.nlInterface, "2001:db8::100"));
    }

    @Test
    void aDuplicateAddressIsRefusedByNameAndChangesNothing() throws Exception {
        InetAddress vip = InetAddress.getByName("10.0.0.100");
        NewAddress address = NewAddress.of("lo", vip, 32).withLabel("lo:0");
        net.netlink.addAddress(address);
        try {
            JsonNode before = net.ip(net.nl, "addr", "show");

            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> net.netlink.addAddress(address.withLabel("lo:1")));

            assertEquals("cannot add 10.0.0.100/32 to lo: File exists", e.getMessage());
            assertEquals(17, e.errno());
            assertEquals(before, net.ip(net.nl, "addr", "show"));
        } finally {
            net.netlink.deleteAddress("lo", vip, 32);
        }
    }

    @Test
    void anAddressForAnUnknownInterfaceIsRefusedByNameAndChangesNothing() throws Exception {
        JsonNode before = net.ip(net.nl, "addr", "show");

        NetlinkException add = assertThrows(NetlinkException.class,
                () -> net.netlink.addAddress(NewAddress.of("nosuch0", InetAddress.getByName("10.0.0.101"), 32)));
        NetlinkException list = assertThrows(NetlinkException.class, () -> net.netlink.addresses("nosuch0"));

        assertEquals("cannot add 10.0.0.101/32 to nosuch0: No such device", add.getMessage());
        assertEquals("cannot list the addresses of nosuch0: No such device", list.getMessage());
        assertEquals(before, net.ip(net.nl, "addr", "show"));
    }

    @Test
    void deletingAnAbsentAddressIsRefusedByNameAndChangesNothing() throws Exception {
        JsonNode before = net.ip(net.nl, "addr", "show");

        NetlinkException absent = assertThrows(NetlinkException.class,
                () -> net.netlink.deleteAddress("lo", InetAddress.getByName("10.0.0.102"), 32));
        NetlinkException wrongPrefix = assertThrows(NetlinkException.class,
                () -> net.netlink.deleteAddress(net.nlInterface, InetAddress.getByName("10.7.0.1"), 32));

        assertEquals("cannot delete 10.0.0.102/32 from lo: Cannot assign requested address", absent.getMessage());
        assertEquals("cannot delete 10.7.0.1/32 from " + net.nlInterface + ": Cannot assign requested address",
                wrongPrefix.getMessage());
        assertEquals(before, net.ip(net.nl, "addr", "show"));
    }

    @Test
    void malformedAddressesAreRefusedBeforeAnyRequest() throws Exception {
        JsonNode before = net.ip(net.nl, "addr", "show");
        InetAddress v4 = InetAddress.getByName("10.0.0.103");
        InetAddress v6 = InetAddress.getByName("2001:db8::103");

        assertEquals("prefix length 33 is out of range for 10.0.0.103 (0 to 32)",
                assertThrows(IllegalArgumentException.class, () -> NewAddress.of("lo", v4, 33)).getMessage());
        assertEquals("prefix length -1 is out of range for 2001:db8:0:0:0:0:0:103 (0 to 128)",
                assertThrows(IllegalArgumentException.class, () -> NewAddress.of("lo", v6, -1)).getMessage());
        assertEquals("labels are for IPv4 addresses only, not 2001:db8:0:0:0:0:0:103",
                assertThrows(IllegalArgumentException.class, () -> NewAddress.of("lo", v6, 128).withLabel("lo:0"))
                        .getMessage());
        assertEquals("label 'eth0:0' must start with the interface name lo and be at most 15 bytes",
                assertThrows(IllegalArgumentException.class, () -> NewAddress.of("lo", v4, 32).withLabel("eth0:0"))
                        .getMessage());
        assertEquals("prefix length 40 is out of range for 10.0.0.103 (0 to 32)",
                assertThrows(IllegalArgumentException.class, () -> net.netlink.deleteAddress("lo", v4, 40)).getMessage());
        assertEquals(before, net.ip(net.nl, "addr", "show"));
    }

    /** One line per address of ip -j addr, in ip's order, as {@link #describe} renders ours. */
    private static List<String> ipAddresses(JsonNode links) {
        List<String> lines = new ArrayList<>();
        for (JsonNode link : links) {
            for (JsonNode address : link.get("addr_info")) {
                InetAddress local = parse(address.get("local").asText());
                lines.add(link.get("ifindex").asInt() + " " + local.getHostAddress() + "/" + address.get("prefixlen").asInt()
                        + " label " + (address.has("label") ? address.get("label").asText() : null)
                        + " scope " + address.get("scope").asText()
                        + (address.path("secondary").asBoolean() ? " secondary" : "")
                        + (address.path("nodad").asBoolean() ? " nodad" : "")
                        + (address.path("tentative").asBoolean() ? " tentative" : ""));
            }
        }
        return lines;
    }

    private static String describe(InterfaceAddress address) {
        return address.interfaceIndex() + " " + address.cidr() + " label " + address.label() + " scope " + address.scope()
                + ((address.flags() & InterfaceAddress.IFA_F_SECONDARY) != 0 ? " secondary" : "")
                + ((address.flags() & InterfaceAddress.IFA_F_NODAD) != 0 ? " nodad" : "")
                + ((address.flags() & InterfaceAddress.IFA_F_TENTATIVE) != 0 ? " tentative" : "");
    }

    private static Optional<JsonNode> ipAddress(String interfaceName, String local) {
        for (JsonNode address : net.ip(net.nl, "addr", "show", "dev", interfaceName).get(0).get("addr_info")) {
            if (address.get("local").asText().equals(local)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /** IPv6 link-local addresses stay tentative for a second or two after the link comes up. */
    private static void awaitNoTentativeAddress() throws InterruptedException {
        long deadline = System.currentTimeMillis() + DAD_WAIT_MILLIS;
        while (net.ip(net.nl, "addr", "show").findValues("tentative").stream().anyMatch(JsonNode::asBoolean)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("addresses still tentative after " + DAD_WAIT_MILLIS + " ms");
            }
            Thread.sleep(100);
        }
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("ip printed a malformed address " + literal, e);
        }
    }
}
