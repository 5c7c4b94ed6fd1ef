package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The guard's set elements for one service: its VIP (and port), its NAT real servers' addresses
 * and ports (and addresses, for their ICMP errors), its FULLNAT real servers' with each local
 * address of their family. A firewall-mark service has no VIP element (the mark is set after the
 * ingress hook; {@link MarkTable} takes its packets), and its NAT real servers' replies are
 * guarded for every protocol, since a mark may select any. DR, TUN and local real servers have
 * none (their replies do not pass the director).
 */
final class ServiceElements {
    private ServiceElements() {
    }

    static List<GuardElement> of(ServiceEntry service, List<InetAddress> localAddresses) {
        List<GuardElement> elements = new ArrayList<>();
        switch (service.key()) {
            case ServiceKey.Address key -> {
                String protocol = protocol(key.protocol());
                elements.add(new GuardElement(new GuardSet(GuardSet.Kind.VIP, key.port() == 0,
                        key.address() instanceof Inet4Address), endpoint(protocol, key.address(), key.port())));
                addRealServers(elements, protocol, service, localAddresses);
            }
            case ServiceKey.Mark _ -> {
                for (Protocol protocol : Protocol.values()) {
                    addRealServers(elements, protocol(protocol), service, localAddresses);
                }
            }
        }
        return elements;
    }

    private static void addRealServers(List<GuardElement> elements, String protocol, ServiceEntry service,
                                       List<InetAddress> localAddresses) {
        for (DestinationSpec destination : service.destinations()) {
            boolean ipv4 = destination.address() instanceof Inet4Address;
            boolean anyRealPort = destination.port() == 0;
            String source = endpoint(protocol, destination.address(), destination.port());
            if (destination.method() == ForwardMethod.MASQ) {
                elements.add(new GuardElement(new GuardSet(GuardSet.Kind.NAT, anyRealPort, ipv4), source));
                elements.add(new GuardElement(new GuardSet(GuardSet.Kind.NAT_ICMP, true, ipv4),
                        (ipv4 ? "icmp" : "ipv6-icmp") + " . " + destination.address().getHostAddress()));
            } else if (destination.method() == ForwardMethod.FULLNAT) {
                GuardSet set = new GuardSet(GuardSet.Kind.FULLNAT, anyRealPort, ipv4);
                for (InetAddress local : localAddresses) {
                    // a real server answers a local address of its own family only
                    if ((local instanceof Inet4Address) == ipv4) {
                        elements.add(new GuardElement(set, source + " . " + local.getHostAddress()));
                    }
                }
            }
        }
    }

    /** {@code tcp . 10.0.0.1 . 80}, or {@code tcp . 10.0.0.1} for port 0 (every port). */
    private static String endpoint(String protocol, InetAddress address, int port) {
        return protocol + " . " + address.getHostAddress() + (port == 0 ? "" : " . " + port);
    }

    /** nft's name for the protocol (inet_proto accepts it, and `nft list` prints it so). */
    private static String protocol(Protocol protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case SCTP -> "sctp";
        };
    }
}
