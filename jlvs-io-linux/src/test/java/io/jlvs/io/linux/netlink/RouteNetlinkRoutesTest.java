package io.jlvs.io.linux.netlink;

import com.fasterxml.jackson.databind.JsonNode;
import io.jlvs.io.linux.NetworkNamespace;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * RTM_GETROUTE against {@code ip -j route get} in the same namespace: a destination on the link,
 * one behind the default gateway, a local address and an IPv6 one, and an unreachable destination
 * refused with the same reason ip gives.
 */
@Tag("root")
class RouteNetlinkRoutesTest {
    @RegisterExtension
    static final TwoNamespaces net = new TwoNamespaces();

    @BeforeAll
    static void routes() {
        net.network.exec(net.nl, "ip", "route", "add", "default", "via", "10.7.0.2");
        net.network.exec(net.nl, "ip", "addr", "add", "2001:db8:7::1/64", "dev", net.nlInterface, "nodad");
        net.network.exec(net.nl, "ip", "-6", "route", "add", "2001:db8:9::/64", "via", "2001:db8:7::2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.7.0.2", "198.51.100.7", "10.7.0.1", "127.0.0.1", "2001:db8:9::5", "2001:db8:7::1"})
    void theRouteIsWhatIpRouteGetShows(String destination) throws Exception {
        JsonNode shown = net.ip(net.nl, "route", "get", destination).get(0);

        Route route = net.netlink.route(InetAddress.getByName(destination));

        assertEquals(InetAddress.getByName(destination), route.destination());
        assertEquals(shown.path("type").asText("unicast"), route.type().name().toLowerCase(Locale.ROOT));
        assertEquals(shown.get("dev").asText(), net.netlink.link(route.outputInterface()).name());
        assertEquals(address(shown, "gateway"), route.gateway());
        assertEquals(address(shown, "prefsrc"), route.preferredSource());
        assertEquals(shown.path("table").asText("main"), switch (route.table()) {
            case Route.MAIN_TABLE -> "main";
            case Route.LOCAL_TABLE -> "local";
            default -> Integer.toString(route.table());
        });
    }

    @Test
    void theGatewayIsTheNextHopOffTheLinkAndTheDestinationOnIt() throws Exception {
        assertEquals(InetAddress.getByName("10.7.0.2"), net.netlink.route(InetAddress.getByName("198.51.100.7")).nextHop());
        assertEquals(InetAddress.getByName("10.7.0.9"), net.netlink.route(InetAddress.getByName("10.7.0.9")).nextHop());
    }

    @Test
    void anUnreachableDestinationIsRefusedWithIpsReason() throws Exception {
        TestNetwork.Result ip = net.network.run(net.peer, "ip", "route", "get", "198.51.100.7");
        try (RouteNetlink peer = NetworkNamespace.call(net.peer, RouteNetlink::open)) {
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> peer.route(InetAddress.getByName("198.51.100.7")));

            assertEquals("cannot find a route to 198.51.100.7: Network is unreachable", e.getMessage());
            assertEquals("RTNETLINK answers: Network is unreachable", ip.output().strip());
        }
    }

    private static InetAddress address(JsonNode route, String field) throws Exception {
        return route.has(field) ? InetAddress.getByName(route.get(field).asText()) : null;
    }
}
