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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RTM_NEWNEIGH with NTF_USE (the kernel resolves the peer over the veth pair) and RTM_GETNEIGH,
 * against {@code ip -j neigh show nud all} (ip hides NOARP entries otherwise) in the same namespace and the peer's own MAC from {@code ip -j link}.
 */
@Tag("root")
class RouteNetlinkNeighboursTest {
    private static final long RESOLUTION_WAIT_MILLIS = 10_000;
    @RegisterExtension
    static final TwoNamespaces net = new TwoNamespaces();

    @Test
    void askingTheKernelToResolveThePeerGivesItsMacAsIpNeighShows() throws Exception {
        InetAddress peer = InetAddress.getByName("10.7.0.2");
        assertEquals(Optional.empty(), net.netlink.neighbour(net.nlInterface, peer));
        String peerMac = net.ip(net.peer, "link", "show", "dev", net.peerInterface).get(0).get("address").asText();

        net.netlink.resolveNeighbour(net.nlInterface, peer);
        Neighbour resolved = awaitValid(peer);

        assertEquals(peerMac, resolved.linkAddress().toString());
        assertEquals(HardwareAddress.parse(peerMac), resolved.linkAddress());
        assertEquals(net.netlink.link(net.nlInterface).index(), resolved.interfaceIndex());
        JsonNode shown = net.ip(net.nl, "neigh", "show", "10.7.0.2", "dev", net.nlInterface).get(0);
        assertEquals(peerMac, shown.get("lladdr").asText());
        assertEquals(shown.get("state").get(0).asText(), net.netlink.neighbour(net.nlInterface, peer).orElseThrow().state().name());
    }

    @Test
    void theNeighboursAreWhatIpNeighShows() throws Exception {
        net.network.exec(net.nl, "ip", "neigh", "replace", "10.7.0.77", "lladdr", "02:00:00:00:00:77", "dev",
                net.nlInterface, "nud", "permanent");
        try {
            TwoNamespaces.Listings listings = TwoNamespaces.heldStill(RouteNetlinkNeighboursTest::ipNeighbours,
                    RouteNetlinkNeighboursTest::neighbours);

            assertEquals(listings.ip(), listings.ours());
            assertTrue(listings.ours().contains("10.7.0.77 dev " + net.nlInterface + " lladdr 02:00:00:00:00:77 PERMANENT"),
                    listings.ours()::toString);
        } finally {
            net.network.run(net.nl, "ip", "neigh", "del", "10.7.0.77", "dev", net.nlInterface);
        }
    }

    @Test
    void anUnknownInterfaceIsRefusedByName() {
        InetAddress peer = InetAddress.getLoopbackAddress();
        assertEquals("cannot resolve 127.0.0.1 on nosuch0: No such device",
                assertThrows(NetlinkException.class, () -> net.netlink.resolveNeighbour("nosuch0", peer)).getMessage());
        assertEquals("cannot look up neighbour 127.0.0.1 on nosuch0: No such device",
                assertThrows(NetlinkException.class, () -> net.netlink.neighbour("nosuch0", peer)).getMessage());
    }

    private static List<String> ipNeighbours() throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : net.ip(net.nl, "neigh", "show", "nud", "all")) {
            lines.add(InetAddress.getByName(entry.get("dst").asText()).getHostAddress() + " dev "
                    + entry.get("dev").asText() + " lladdr " + entry.path("lladdr").asText("none") + " "
                    + entry.get("state").get(0).asText());
        }
        return lines;
    }

    private static List<String> neighbours() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Neighbour entry : net.netlink.neighbours()) {
            lines.add(entry.address().getHostAddress() + " dev " + net.netlink.link(entry.interfaceIndex()).name()
                    + " lladdr " + (entry.linkAddress() == null ? "none" : entry.linkAddress()) + " "
                    + entry.state().name());
        }
        return lines;
    }

    private static Neighbour awaitValid(InetAddress address) throws Exception {
        long deadline = System.currentTimeMillis() + RESOLUTION_WAIT_MILLIS;
        while (true) {
            Optional<Neighbour> entry = net.netlink.neighbour(net.nlInterface, address);
            if (entry.isPresent() && entry.get().state().valid()) {
                return entry.get();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not resolved after " + RESOLUTION_WAIT_MILLIS + " ms: " + entry);
            }
            Thread.sleep(20);
        }
    }
}
