package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads links, addresses, routes and neighbours out of received rtnetlink messages (answers and
 * notifications alike), each returning null for a message of a family jlvs does not use.
 */
final class RouteMessageReader {
    private RouteMessageReader() {
    }

    static Link link(MemorySegment buffer, long payload, long end) {
        RouteAttributes attributes = RouteAttributes.parse(buffer, payload + InterfaceInfoMessage.SIZE, end,
                InterfaceInfoMessage.IFLA_LINKINFO);
        HardwareAddress address = attributes.hardwareAddressOrNull(InterfaceInfoMessage.IFLA_ADDRESS);
        String kind = null;
        if (attributes.has(InterfaceInfoMessage.IFLA_LINKINFO)) {
            RouteAttributes info = attributes.nested(InterfaceInfoMessage.IFLA_LINKINFO, InterfaceInfoMessage.IFLA_INFO_KIND);
            kind = info.stringOrNull(InterfaceInfoMessage.IFLA_INFO_KIND);
        }
        return new Link(InterfaceInfoMessage.index(buffer, payload), attributes.string(InterfaceInfoMessage.IFLA_IFNAME),
                address, attributes.u32(InterfaceInfoMessage.IFLA_MTU), InterfaceInfoMessage.flags(buffer, payload), kind);
    }

    static InterfaceAddress address(MemorySegment buffer, long payload, long end) {
        int family = InterfaceAddressMessage.family(buffer, payload);
        if (!ipFamily(family)) {
            return null;
        }
        RouteAttributes attributes = RouteAttributes.parse(buffer, payload + InterfaceAddressMessage.SIZE, end,
                InterfaceAddressMessage.IFA_FLAGS);
        int local = attributes.has(InterfaceAddressMessage.IFA_LOCAL)
                ? InterfaceAddressMessage.IFA_LOCAL : InterfaceAddressMessage.IFA_ADDRESS;
        int flags = attributes.u32(InterfaceAddressMessage.IFA_FLAGS, InterfaceAddressMessage.flags(buffer, payload));
        String label = attributes.stringOrNull(InterfaceAddressMessage.IFA_LABEL);
        return new InterfaceAddress(InterfaceAddressMessage.index(buffer, payload), attributes.address(local),
                InterfaceAddressMessage.prefixLength(buffer, payload), label,
                new AddressScope(InterfaceAddressMessage.scope(buffer, payload)), flags);
    }

    /** A route, as RTM_GETROUTE answers or a route notification carries it (no RTA_DST: the default route). */
    static Route route(MemorySegment buffer, long payload, long end) {
        RouteAttributes attributes = RouteAttributes.parse(buffer, payload + RouteMessage.SIZE, end,
                RouteMessage.RTA_TABLE);
        int family = RouteMessage.family(buffer, payload);
        if (!ipFamily(family)) {
            return null;
        }
        InetAddress destination = attributes.has(RouteMessage.RTA_DST) ? attributes.address(RouteMessage.RTA_DST)
                : anyAddress(family);
        return new Route(destination, RouteMessage.destinationLength(buffer, payload),
                RouteType.of(RouteMessage.type(buffer, payload)),
                attributes.u32(RouteMessage.RTA_OIF, 0),
                attributes.addressOrNull(RouteMessage.RTA_GATEWAY),
                attributes.addressOrNull(RouteMessage.RTA_PREFSRC),
                attributes.u32(RouteMessage.RTA_TABLE, RouteMessage.table(buffer, payload)));
    }

    static Neighbour neighbour(MemorySegment buffer, long payload, long end) {
        int family = NeighbourMessage.family(buffer, payload);
        if (!ipFamily(family)) {
            return null;
        }
        RouteAttributes attributes = RouteAttributes.parse(buffer, payload + NeighbourMessage.SIZE, end,
                NeighbourMessage.NDA_LLADDR);
        if (!attributes.has(NeighbourMessage.NDA_DST)) {
            return null;
        }
        HardwareAddress link = attributes.hardwareAddressOrNull(NeighbourMessage.NDA_LLADDR);
        return new Neighbour(NeighbourMessage.index(buffer, payload), attributes.address(NeighbourMessage.NDA_DST), link,
                NeighbourState.of(NeighbourMessage.state(buffer, payload)));
    }

    private static boolean ipFamily(int family) {
        return family == RouteNetlink.AF_INET || family == RouteNetlink.AF_INET6;
    }

    private static InetAddress anyAddress(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == RouteNetlink.AF_INET ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are addresses", e);
        }
    }
}
