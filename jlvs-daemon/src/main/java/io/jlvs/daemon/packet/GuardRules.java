package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the kernel guard drops for one service table: the elements of each {@link GuardSet}, as
 * nft writes them ({@code tcp . 10.0.0.1 . 80}). Derived from the table alone, so the guard has
 * no model of its own to drift: firewall-mark services add nothing (the mark is set after the
 * ingress hook), nor do DR, TUN and local real servers (their replies do not pass the director).
 */
record GuardRules(Map<GuardSet, SortedSet<String>> elements) {

    /** No service: every set empty. */
    static final GuardRules NONE = new GuardRules(new EnumMap<>(GuardSet.class));

    GuardRules {
        Map<GuardSet, SortedSet<String>> copy = new EnumMap<>(GuardSet.class);
        for (GuardSet set : GuardSet.values()) {
            copy.put(set, Collections.unmodifiableSortedSet(new TreeSet<>(elements.getOrDefault(set, new TreeSet<>()))));
        }
        elements = Collections.unmodifiableMap(copy);
    }

    /**
     * The rules for a table.
     *
     * @param localAddresses a FULLNAT service's local addresses (the service table carries them
     *                       once `-P` exists; until then the caller says where they are)
     */
    static GuardRules of(ServiceTable table, Function<ServiceEntry, List<InetAddress>> localAddresses) {
        Map<GuardSet, SortedSet<String>> elements = new EnumMap<>(GuardSet.class);
        for (GuardSet set : GuardSet.values()) {
            elements.put(set, new TreeSet<>());
        }
        for (ServiceEntry service : table.services()) {
            if (service.key() instanceof ServiceKey.Address key) {
                addService(elements, key, service, localAddresses.apply(service));
            }
        }
        return new GuardRules(elements);
    }

    private static void addService(Map<GuardSet, SortedSet<String>> elements, ServiceKey.Address key,
                                   ServiceEntry service, List<InetAddress> localAddresses) {
        String protocol = protocol(key.protocol());
        boolean v4 = key.address() instanceof Inet4Address;
        String vip = protocol + " . " + key.address().getHostAddress();
        elements.get(GuardSet.of(GuardSet.Kind.VIP, v4, key.port() == 0))
                .add(key.port() == 0 ? vip : vip + " . " + key.port());
        for (DestinationSpec destination : service.destinations()) {
            boolean rip4 = destination.address() instanceof Inet4Address;
            boolean anyPort = destination.port() == 0;
            String source = protocol + " . " + destination.address().getHostAddress()
                    + (anyPort ? "" : " . " + destination.port());
            if (destination.method() == ForwardMethod.MASQ) {
                elements.get(GuardSet.of(GuardSet.Kind.NAT, rip4, anyPort)).add(source);
            } else if (destination.method() == ForwardMethod.FULLNAT) {
                GuardSet set = GuardSet.of(GuardSet.Kind.FULLNAT, rip4, anyPort);
                for (InetAddress local : localAddresses) {
                    // a real server answers a local address of its own family only
                    if ((local instanceof Inet4Address) == rip4) {
                        elements.get(set).add(source + " . " + local.getHostAddress());
                    }
                }
            }
        }
    }

    /** nft's name for the protocol (inet_proto accepts it, and `nft list` prints it so). */
    private static String protocol(Protocol protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case SCTP -> "sctp";
        };
    }

    /** The elements of one set. */
    SortedSet<String> of(GuardSet set) {
        return elements.get(set);
    }
}
