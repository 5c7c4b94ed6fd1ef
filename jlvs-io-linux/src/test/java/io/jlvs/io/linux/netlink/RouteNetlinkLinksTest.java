package io.jlvs.io.linux.netlink;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RTM_GETLINK and RTM_NEWLINK (up/down) against {@code ip -j -d link} in the same namespace. */
@Tag("root")
class RouteNetlinkLinksTest {
    @RegisterExtension
    static final TwoNamespaces net = new TwoNamespaces();

    @Test
    void theLinksAreWhatIpLinkShows() throws Exception {
        List<String> expected = new ArrayList<>();
        for (JsonNode link : net.ip(net.nl, "-d", "link", "show")) {
            expected.add(link.get("ifindex").asInt() + " " + link.get("ifname").asText() + " "
                    + (link.has("address") ? link.get("address").asText() : null) + " mtu " + link.get("mtu").asInt()
                    + (flags(link).contains("UP") ? " up" : " down")
                    + (flags(link).contains("LOWER_UP") ? " lower-up" : "") + " kind "
                    + (link.has("linkinfo") ? link.get("linkinfo").get("info_kind").asText() : null));
        }

        List<String> actual = net.netlink.links().stream().map(RouteNetlinkLinksTest::describe).toList();

        assertEquals(expected, actual);
        assertTrue(actual.stream().anyMatch(line -> line.contains(net.nlInterface) && line.endsWith("kind veth")), actual::toString);
    }

    @Test
    void aLinkIsFoundByNameAndByIndex() throws Exception {
        Link byName = net.netlink.link(net.nlInterface);
        JsonNode shown = net.ip(net.nl, "link", "show", "dev", net.nlInterface).get(0);

        assertEquals(shown.get("ifindex").asInt(), byName.index());
        assertEquals(shown.get("address").asText(), byName.address().toString());
        assertEquals(byName, net.netlink.link(byName.index()));
        assertEquals("lo", net.netlink.link(1).name());
    }

    @Test
    void anUnknownInterfaceIsNamedInTheError() {
        NetlinkException byName = assertThrows(NetlinkException.class, () -> net.netlink.link("nosuch0"));
        assertEquals("cannot find interface nosuch0: No such device", byName.getMessage());
        assertEquals(19, byName.errno());

        NetlinkException byIndex = assertThrows(NetlinkException.class, () -> net.netlink.link(999_999));
        assertEquals("cannot find interface 999999: No such device", byIndex.getMessage());

        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> net.netlink.link("much-too-long-name0"));
        assertEquals("not an interface name: 'much-too-long-name0' (1 to 15 bytes, no '/' or space)", malformed.getMessage());
    }

    @Test
    void aLinkIsSetDownAndUpAsIpLinkSees() throws Exception {
        try {
            net.netlink.setUp(net.nlInterface, false);
            assertFalse(flags(net.ip(net.nl, "link", "show", "dev", net.nlInterface).get(0)).contains("UP"));
            assertFalse(net.netlink.link(net.nlInterface).up());

            net.netlink.setUp(net.nlInterface, true);
            assertTrue(flags(net.ip(net.nl, "link", "show", "dev", net.nlInterface).get(0)).contains("UP"));
            assertTrue(net.netlink.link(net.nlInterface).up());
        } finally {
            net.network.exec(net.nl, "ip", "link", "set", net.nlInterface, "up");
        }
        NetlinkException e = assertThrows(NetlinkException.class, () -> net.netlink.setUp("nosuch0", true));
        assertEquals("cannot set nosuch0 up: No such device", e.getMessage());
    }

    private static List<String> flags(JsonNode link) {
        List<String> flags = new ArrayList<>();
        link.get("flags").forEach(flag -> flags.add(flag.asText()));
        return flags;
    }

    private static String describe(Link link) {
        return link.index() + " " + link.name() + " " + link.address() + " mtu " + link.mtu()
                + (link.up() ? " up" : " down") + (link.lowerUp() ? " lower-up" : "") + " kind " + link.kind();
    }
}
