package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.jlvs.daemon.packet.GuardTables.ip;
import static io.jlvs.daemon.packet.GuardTables.key;
import static io.jlvs.daemon.packet.GuardTables.real;
import static io.jlvs.daemon.packet.GuardTables.service;
import static io.jlvs.daemon.packet.GuardTables.table;
import static io.jlvs.daemon.packet.GuardTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the guard drops for a table ({description, table, expected set elements}) and how a change counts. */
class GuardElementsTest {
    /** FULLNAT services' local addresses in these fixtures: one of each family. */
    private static final Function<ServiceEntry, List<InetAddress>> LOCAL_ADDRESSES =
            service -> List.of(ip("10.2.0.1"), ip("2001:db8:2::1"));

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("no service, nothing dropped", table(), List.of()),
                Arguments.of("a TCP service: its VIP:port",
                        table(tcp("10.0.0.1", 80)), List.of("vip4 tcp . 10.0.0.1 . 80")),
                Arguments.of("UDP and SCTP services by their protocol",
                        table(service(key(Protocol.UDP, "10.0.0.1", 53)), service(key(Protocol.SCTP, "10.0.0.1", 3868))),
                        List.of("vip4 sctp . 10.0.0.1 . 3868", "vip4 udp . 10.0.0.1 . 53")),
                Arguments.of("a port-0 service: every port of its VIP",
                        table(tcp("10.0.0.1", 0)), List.of("vipany4 tcp . 10.0.0.1")),
                Arguments.of("an IPv6 service",
                        table(service(key(Protocol.TCP, "2001:db8::1", 443))), List.of("vip6 tcp . 2001:db8:0:0:0:0:0:1 . 443")),
                Arguments.of("NAT real servers: their replies by source address and port, their ICMP errors by address",
                        table(tcp("10.0.0.1", 80, real("10.1.0.1", 8080, ForwardMethod.MASQ),
                                real("10.1.0.2", 80, ForwardMethod.MASQ), real("10.1.0.2", 81, ForwardMethod.MASQ))),
                        List.of("vip4 tcp . 10.0.0.1 . 80", "nat4 tcp . 10.1.0.1 . 8080", "nat4 tcp . 10.1.0.2 . 80",
                                "nat4 tcp . 10.1.0.2 . 81", "naticmp4 icmp . 10.1.0.1", "naticmp4 icmp . 10.1.0.2")),
                Arguments.of("a NAT real server of port 0: every port of its address",
                        table(tcp("10.0.0.1", 0, real("10.1.0.1", 0, ForwardMethod.MASQ))),
                        List.of("vipany4 tcp . 10.0.0.1", "natany4 tcp . 10.1.0.1", "naticmp4 icmp . 10.1.0.1")),
                Arguments.of("DR, TUN and local real servers: their replies never pass the director",
                        table(tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.DROUTE),
                                real("10.1.0.2", 80, ForwardMethod.TUNNEL), real("10.1.0.3", 80, ForwardMethod.LOCALNODE))),
                        List.of("vip4 tcp . 10.0.0.1 . 80")),
                Arguments.of("FULLNAT real servers: their replies to each local address of their family",
                        table(tcp("10.0.0.1", 80, real("10.1.0.1", 8080, ForwardMethod.FULLNAT)),
                                service(key(Protocol.UDP, "10.0.0.1", 0), real("10.1.0.2", 0, ForwardMethod.FULLNAT))),
                        List.of("vip4 tcp . 10.0.0.1 . 80", "vipany4 udp . 10.0.0.1",
                                "fullnat4 tcp . 10.1.0.1 . 8080 . 10.2.0.1", "fullnatany4 udp . 10.1.0.2 . 10.2.0.1")),
                Arguments.of("an IPv6 NAT and FULLNAT service",
                        table(service(key(Protocol.TCP, "2001:db8::1", 80),
                                real("2001:db8:1::1", 80, ForwardMethod.MASQ), real("2001:db8:1::2", 80, ForwardMethod.FULLNAT))),
                        List.of("vip6 tcp . 2001:db8:0:0:0:0:0:1 . 80", "nat6 tcp . 2001:db8:1:0:0:0:0:1 . 80",
                                "naticmp6 ipv6-icmp . 2001:db8:1:0:0:0:0:1", "fullnat6 tcp . 2001:db8:1:0:0:0:0:2 . 80 . 2001:db8:2:0:0:0:0:1")),
                Arguments.of("a real server of two services: one element",
                        table(tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.MASQ)),
                                tcp("10.0.0.2", 80, real("10.1.0.1", 80, ForwardMethod.MASQ))),
                        List.of("vip4 tcp . 10.0.0.1 . 80", "vip4 tcp . 10.0.0.2 . 80", "nat4 tcp . 10.1.0.1 . 80",
                                "naticmp4 icmp . 10.1.0.1")),
                Arguments.of("a firewall-mark service: no VIP (the mark is set after the ingress hook), its NAT"
                                + " real servers' replies of every protocol",
                        table(service(new ServiceKey.Mark(AddressFamily.INET, 1), real("10.1.0.1", 80, ForwardMethod.MASQ),
                                real("10.1.0.2", 80, ForwardMethod.DROUTE))),
                        List.of("nat4 sctp . 10.1.0.1 . 80", "nat4 tcp . 10.1.0.1 . 80", "nat4 udp . 10.1.0.1 . 80",
                                "naticmp4 icmp . 10.1.0.1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void dropsExactlyWhatJlvsdHandles(String description, ServiceTable table, List<String> expected) {
        GuardElements elements = new GuardElements(LOCAL_ADDRESSES);
        elements.updateAll(table);
        assertEquals(expected, lines(elements.all()), description);
        assertEquals(expected, lines(elements.pendingAdditions()), "all of it new");
    }

    @Test
    void anElementHeldByTwoServicesIsDeletedWithTheLastOfThem() {
        ServiceEntry first = tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.MASQ));
        ServiceEntry second = tcp("10.0.0.2", 80, real("10.1.0.1", 80, ForwardMethod.MASQ));
        ServiceTable both = table(first, second);
        GuardElements elements = new GuardElements(LOCAL_ADDRESSES);
        elements.updateAll(both);
        elements.takeChange();

        ServiceTable withoutFirst = both.withServiceRemoved(first.key());
        elements.update(first.key(), withoutFirst);
        assertEquals(List.of("vip4 tcp . 10.0.0.1 . 80"), lines(elements.pendingDeletions()));
        assertEquals(List.of(), lines(elements.pendingAdditions()));
        elements.takeChange();

        elements.update(second.key(), withoutFirst.withServiceRemoved(second.key()));
        assertEquals(List.of("vip4 tcp . 10.0.0.2 . 80", "nat4 tcp . 10.1.0.1 . 80", "naticmp4 icmp . 10.1.0.1"),
                lines(elements.pendingDeletions()));
        assertEquals(List.of(), lines(elements.all()));
    }

    @Test
    void whatIsAddedAndDeletedBeforeTheKernelTakesItIsNoChange() {
        GuardElements elements = new GuardElements(LOCAL_ADDRESSES);
        ServiceEntry service = tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.MASQ));
        elements.update(service.key(), table(service));
        elements.update(service.key(), table());

        assertFalse(elements.changed());
    }

    @Test
    void aRealServerMovedFromNatToDirectRoutingDeletesItsElementOnly() {
        GuardElements elements = new GuardElements(LOCAL_ADDRESSES);
        ServiceEntry nat = tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.MASQ));
        elements.update(nat.key(), table(nat));
        elements.takeChange();

        elements.update(nat.key(), table(tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.DROUTE))));

        assertEquals(List.of("nat4 tcp . 10.1.0.1 . 80", "naticmp4 icmp . 10.1.0.1"), lines(elements.pendingDeletions()));
        assertEquals(List.of(), lines(elements.pendingAdditions()));
    }

    /** Every element as "set element", in the sets' order. */
    static List<String> lines(Map<GuardSet, SortedSet<String>> sets) {
        List<String> lines = new ArrayList<>();
        for (GuardSet set : GuardSet.ALL) {
            for (String element : sets.get(set)) {
                lines.add(set.setName() + " " + element);
            }
        }
        return lines;
    }
}
