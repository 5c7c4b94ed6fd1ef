package io.jlvs.io.linux.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's interfaces, addresses, routes and neighbours through rtnetlink (what {@code ip link},
 * {@code ip addr}, {@code ip route get} and {@code ip neigh} do): one NETLINK_ROUTE socket, one
 * synchronous request at a time. The socket belongs to the network namespace of the thread that
 * opened it (see {@link io.jlvs.io.linux.NetworkNamespace#call}) for its whole life. A refused
 * request throws a {@link NetlinkException} naming the operation ("cannot add 10.0.0.100/32 to lo:
 * File exists") and changes nothing. Not for two threads at once.
 */
public final class RouteNetlink implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private final NetlinkSocket socket;

    private RouteNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** A socket in the calling thread's network namespace. */
    public static RouteNetlink open() throws NetlinkException {
        return new RouteNetlink(NetlinkSocket.open(NETLINK_ROUTE, 0));
    }

    // ---- links ----

    /** Every interface. */
    public List<Link> links() throws NetlinkException {
        NetlinkRequest request = socket.request(InterfaceInfoMessage.RTM_GETLINK, NetlinkMessageHeader.NLM_F_DUMP,
                InterfaceInfoMessage.SIZE);
        return socket.dump(request, "cannot list interfaces", RouteMessageReader::link);
    }

    /** The interface of this name. */
    public Link link(String name) throws NetlinkException {
        NewAddress.checkInterfaceName(name);
        return linkNamed(name, "cannot find interface " + name);
    }

    /** The interface of this index. */
    public Link link(int index) throws NetlinkException {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive, not " + index);
        }
        NetlinkRequest request = socket.request(InterfaceInfoMessage.RTM_GETLINK, 0, InterfaceInfoMessage.SIZE);
        InterfaceInfoMessage.write(request.buffer(), request.payload(), index);
        return socket.reply(request, "cannot find interface " + index, RouteMessageReader::link);
    }

    /** Sets an interface up or down (ip link set NAME up|down). */
    public void setUp(String name, boolean up) throws NetlinkException {
        NewAddress.checkInterfaceName(name);
        String operation = "cannot set " + name + (up ? " up" : " down");
        int index = linkNamed(name, operation).index();
        NetlinkRequest request = socket.request(InterfaceInfoMessage.RTM_NEWLINK, NetlinkMessageHeader.NLM_F_ACK,
                InterfaceInfoMessage.SIZE);
        InterfaceInfoMessage.write(request.buffer(), request.payload(), index);
        InterfaceInfoMessage.flags(request.buffer(), request.payload(), up ? Link.IFF_UP : 0, Link.IFF_UP);
        socket.acknowledged(request, operation);
    }

    private Link linkNamed(String name, String operation) throws NetlinkException {
        NetlinkRequest request = socket.request(InterfaceInfoMessage.RTM_GETLINK, 0, InterfaceInfoMessage.SIZE);
        request.string(InterfaceInfoMessage.IFLA_IFNAME, name);
        return socket.reply(request, operation, RouteMessageReader::link);
    }

    // ---- addresses ----

    /** Every address of every interface, IPv4 and IPv6. */
    public List<InterfaceAddress> addresses() throws NetlinkException {
        NetlinkRequest request = socket.request(InterfaceAddressMessage.RTM_GETADDR, NetlinkMessageHeader.NLM_F_DUMP,
                InterfaceAddressMessage.SIZE);
        InterfaceAddressMessage.write(request.buffer(), request.payload(), AF_UNSPEC, 0, 0, 0, 0);
        return socket.dump(request, "cannot list addresses", RouteMessageReader::address);
    }

    /** The addresses of one interface. */
    public List<InterfaceAddress> addresses(String interfaceName) throws NetlinkException {
        NewAddress.checkInterfaceName(interfaceName);
        int index = linkNamed(interfaceName, "cannot list the addresses of " + interfaceName).index();
        return addresses().stream().filter(address -> address.interfaceIndex() == index).toList();
    }

    /** Adds an address (ip addr add); an address the interface already has fails with EEXIST. */
    public void addAddress(NewAddress address) throws NetlinkException {
        String operation = "cannot add " + address.cidr() + " to " + address.interfaceName();
        int index = linkNamed(address.interfaceName(), operation).index();
        NetlinkRequest request = socket.request(InterfaceAddressMessage.RTM_NEWADDR, NetlinkMessageHeader.NLM_F_ACK
                | NetlinkMessageHeader.NLM_F_CREATE | NetlinkMessageHeader.NLM_F_EXCL, InterfaceAddressMessage.SIZE);
        writeNewAddress(request, address, index);
        socket.acknowledged(request, operation);
    }

    /**
     * The body of an RTM_NEWADDR as ip writes it: IFA_LOCAL, IFA_LABEL, IFA_ADDRESS, and IFA_FLAGS
     * only for flags past the header's 8 bits (none of ours are).
     */
    static void writeNewAddress(NetlinkRequest request, NewAddress address, int index) {
        int flags = address.noDad() ? InterfaceAddress.IFA_F_NODAD : 0;
        InterfaceAddressMessage.write(request.buffer(), request.payload(), family(address.address()),
                address.prefixLength(), flags, address.scope().value(), index);
        byte[] bytes = address.address().getAddress();
        request.bytes(InterfaceAddressMessage.IFA_LOCAL, bytes);
        if (address.label() != null) {
            request.string(InterfaceAddressMessage.IFA_LABEL, address.label());
        }
        request.bytes(InterfaceAddressMessage.IFA_ADDRESS, bytes);
        if (flags > 0xff) {
            request.u32(InterfaceAddressMessage.IFA_FLAGS, flags);
        }
    }

    /** Deletes an address (ip addr del); one the interface lacks fails with EADDRNOTAVAIL. */
    public void deleteAddress(String interfaceName, InetAddress address, int prefixLength) throws NetlinkException {
        NewAddress.checkInterfaceName(interfaceName);
        NewAddress.checkPrefixLength(address, prefixLength);
        String operation = "cannot delete " + address.getHostAddress() + "/" + prefixLength + " from " + interfaceName;
        int index = linkNamed(interfaceName, operation).index();
        NetlinkRequest request = socket.request(InterfaceAddressMessage.RTM_DELADDR, NetlinkMessageHeader.NLM_F_ACK,
                InterfaceAddressMessage.SIZE);
        InterfaceAddressMessage.write(request.buffer(), request.payload(), family(address), prefixLength, 0, 0, index);
        byte[] bytes = address.getAddress();
        request.bytes(InterfaceAddressMessage.IFA_LOCAL, bytes).bytes(InterfaceAddressMessage.IFA_ADDRESS, bytes);
        socket.acknowledged(request, operation);
    }

    // ---- routes ----

    /** The route the kernel would use to send to the destination (ip route get). */
    public Route route(InetAddress destination) throws NetlinkException {
        byte[] bytes = destination.getAddress();
        NetlinkRequest request = socket.request(RouteMessage.RTM_GETROUTE, 0, RouteMessage.SIZE);
        RouteMessage.write(request.buffer(), request.payload(), family(destination), bytes.length * 8,
                RouteMessage.RTM_F_LOOKUP_TABLE);
        request.bytes(RouteMessage.RTA_DST, bytes);
        return socket.reply(request, "cannot find a route to " + destination.getHostAddress(),
                RouteMessageReader::route);
    }

    // ---- neighbours ----

    /** Every IPv4 and IPv6 neighbour entry. */
    public List<Neighbour> neighbours() throws NetlinkException {
        NetlinkRequest request = socket.request(NeighbourMessage.RTM_GETNEIGH, NetlinkMessageHeader.NLM_F_DUMP,
                NeighbourMessage.SIZE);
        return socket.dump(request, "cannot list neighbours", RouteMessageReader::neighbour);
    }

    /** The entry for an address on an interface, if the kernel has one (ip neigh show ADDRESS dev NAME). */
    public Optional<Neighbour> neighbour(String interfaceName, InetAddress address) throws NetlinkException {
        NewAddress.checkInterfaceName(interfaceName);
        int index = linkNamed(interfaceName, "cannot look up neighbour " + address.getHostAddress() + " on "
                + interfaceName).index();
        return neighbours().stream()
                .filter(entry -> entry.interfaceIndex() == index && entry.address().equals(address))
                .findFirst();
    }

    /**
     * Asks the kernel to resolve an address on an interface (ip neigh replace ADDRESS dev NAME use):
     * it creates the entry if needed and sends a solicitation unless the entry is valid; the answer
     * comes later, seen through {@link #neighbour}.
     */
    public void resolveNeighbour(String interfaceName, InetAddress address) throws NetlinkException {
        NewAddress.checkInterfaceName(interfaceName);
        String operation = "cannot resolve " + address.getHostAddress() + " on " + interfaceName;
        int index = linkNamed(interfaceName, operation).index();
        NetlinkRequest request = socket.request(NeighbourMessage.RTM_NEWNEIGH, NetlinkMessageHeader.NLM_F_ACK
                | NetlinkMessageHeader.NLM_F_CREATE | NetlinkMessageHeader.NLM_F_REPLACE, NeighbourMessage.SIZE);
        NeighbourMessage.write(request.buffer(), request.payload(), family(address), index,
                NeighbourState.NONE.bit(), NeighbourMessage.NTF_USE);
        request.bytes(NeighbourMessage.NDA_DST, address.getAddress());
        socket.acknowledged(request, operation);
    }

    static int family(InetAddress address) {
        return address instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    @Override
    public void close() {
        socket.close();
    }
}
