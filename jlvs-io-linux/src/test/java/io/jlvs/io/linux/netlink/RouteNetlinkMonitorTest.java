package io.jlvs.io.linux.netlink;

import io.jlvs.io.linux.NetworkNamespace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Notifications of the subscribed groups, caused with ip in the monitor's namespace: each change
 * ip makes arrives as the change it is, and a group not subscribed to sends nothing.
 */
@Tag("root")
class RouteNetlinkMonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Far more route notifications than a socket's default receive buffer (some 200 KiB) holds. */
    private static final int BURST_ROUTES = 2000;
    @RegisterExtension
    static final TwoNamespaces net = new TwoNamespaces();

    @Test
    void whatIpChangesArrivesAsTheChangeItIs() throws Exception {
        try (RouteNetlinkMonitor monitor = NetworkNamespace.call(net.nl, () -> RouteNetlinkMonitor.open(EnumSet.of(
                RouteChangeGroup.NEIGHBOUR, RouteChangeGroup.IPV4_ROUTE, RouteChangeGroup.IPV4_ADDRESS,
                RouteChangeGroup.LINK)))) {
            int index = net.netlink.link(net.nlInterface).index();

            net.network.exec(net.nl, "ip", "neigh", "replace", "10.7.0.55", "lladdr", "02:00:00:00:00:55", "dev",
                    net.nlInterface, "nud", "permanent");
            assertEquals(new RouteChange.NeighbourChange(new Neighbour(index, InetAddress.getByName("10.7.0.55"),
                            HardwareAddress.parse("02:00:00:00:00:55"), NeighbourState.PERMANENT), false),
                    await(monitor, change -> change instanceof RouteChange.NeighbourChange));

            net.network.exec(net.nl, "ip", "route", "add", "192.0.2.0/24", "via", "10.7.0.2");
            assertEquals(new RouteChange.RouteTableChange(new Route(InetAddress.getByName("192.0.2.0"), 24,
                            RouteType.UNICAST, index, InetAddress.getByName("10.7.0.2"), null, Route.MAIN_TABLE), false),
                    await(monitor, change -> change instanceof RouteChange.RouteTableChange));

            net.network.exec(net.nl, "ip", "addr", "add", "10.7.3.1/24", "dev", net.nlInterface);
            RouteChange added = await(monitor, change -> change instanceof RouteChange.AddressChange);
            net.network.exec(net.nl, "ip", "addr", "del", "10.7.3.1/24", "dev", net.nlInterface);
            RouteChange removed = await(monitor, change -> change instanceof RouteChange.AddressChange);
            InterfaceAddress address = new InterfaceAddress(index, InetAddress.getByName("10.7.3.1"), 24,
                    net.nlInterface, AddressScope.GLOBAL, InterfaceAddress.IFA_F_PERMANENT);
            assertEquals(new RouteChange.AddressChange(address, false), added);
            assertEquals(new RouteChange.AddressChange(address, true), removed);

            net.network.exec(net.nl, "ip", "link", "set", net.nlInterface, "down");
            RouteChange down = await(monitor, change -> change instanceof RouteChange.LinkChange);
            net.network.exec(net.nl, "ip", "link", "set", net.nlInterface, "up");
            assertEquals(false, ((RouteChange.LinkChange) down).link().up());
            assertEquals(net.nlInterface, ((RouteChange.LinkChange) down).link().name());
        } finally {
            net.network.run(net.nl, "ip", "neigh", "del", "10.7.0.55", "dev", net.nlInterface);
            net.network.run(net.nl, "ip", "route", "del", "192.0.2.0/24");
        }
    }

    @Test
    void moreChangesThanTheSocketHoldsAreReportedLost() throws Exception {
        Path batch = Files.createTempFile("jlvs-routes", ".batch");
        try (RouteNetlinkMonitor monitor = NetworkNamespace.call(net.nl,
                () -> RouteNetlinkMonitor.open(Set.of(RouteChangeGroup.IPV4_ROUTE)))) {
            StringBuilder commands = new StringBuilder();
            for (int i = 0; i < BURST_ROUTES; i++) {
                commands.append("route add 10.9.").append(i / 250).append('.').append(i % 250 + 1).append("/32 dev ")
                        .append(net.nlInterface).append('\n');
            }
            Files.writeString(batch, commands);
            net.network.exec(net.nl, "ip", "-batch", batch.toString());

            RouteChange lost = await(monitor, change -> change instanceof RouteChange.ChangesLost);

            assertEquals(new RouteChange.ChangesLost(), lost);
        } finally {
            net.network.run(net.nl, "ip", "route", "flush", "10.9.0.0/16");
            Files.deleteIfExists(batch);
        }
    }

    @Test
    void aGroupNotSubscribedToSendsNothing() throws Exception {
        try (RouteNetlinkMonitor monitor = NetworkNamespace.call(net.nl,
                () -> RouteNetlinkMonitor.open(Set.of(RouteChangeGroup.IPV6_ROUTE)))) {
            net.network.exec(net.nl, "ip", "neigh", "replace", "10.7.0.56", "lladdr", "02:00:00:00:00:56", "dev",
                    net.nlInterface, "nud", "permanent");
            net.network.exec(net.nl, "ip", "neigh", "del", "10.7.0.56", "dev", net.nlInterface);
            List<RouteChange> changes = new ArrayList<>();

            assertEquals(0, monitor.poll(Duration.ofMillis(200), changes::add));
            assertEquals(List.of(), changes);
        }
        assertEquals("a monitor needs at least one group to watch",
                assertThrows(IllegalArgumentException.class, () -> RouteNetlinkMonitor.open(Set.of())).getMessage());
    }

    /** The first change the monitor hands that matches, others skipped, waiting at most {@link #WAIT}. */
    private static RouteChange await(RouteNetlinkMonitor monitor, Predicate<RouteChange> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<RouteChange> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            List<RouteChange> changes = new ArrayList<>();
            monitor.poll(Duration.ofMillis(100), changes::add);
            for (RouteChange change : changes) {
                if (wanted.test(change)) {
                    return change;
                }
                seen.add(change);
            }
        }
        throw new AssertionError("no such change within " + WAIT + "; saw " + seen);
    }
}
