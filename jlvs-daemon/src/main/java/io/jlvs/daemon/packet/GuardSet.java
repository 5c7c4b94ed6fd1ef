package io.jlvs.daemon.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * One nftables set of jlvsd's kernel guard and the rule that drops a packet whose key is in it:
 * one per kind of packet jlvsd handles ({@link Kind}), with a port or for every port (port-0
 * services and real servers), per family. Named as the kind, "any" for every port, and the
 * family: {@code vip4}, {@code natany6}, {@code naticmp4}, {@code fullnat4}.
 *
 * @param kind    what the keys name
 * @param anyPort whether the key leaves the port out (every port matches; always, for a kind without ports)
 * @param ipv4    IPv4, or IPv6
 */
record GuardSet(Kind kind, boolean anyPort, boolean ipv4) {

    /** What a set's keys name, and how a packet is matched against them. */
    enum Kind {
        /** TCP/UDP/SCTP to a VIP:port of a service. */
        VIP("vip", "daddr", "dport", false, "", "", "to a VIP:port of a service"),
        /** A NAT real server's packets from its address:port, not to the director itself (its own connections, such as health checks). */
        NAT("nat", "saddr", "sport", false, NOT_LOCAL, NOT_LOCAL, "NAT reply to be translated by jlvsd"),
        /**
         * A NAT real server's ICMP errors, not to the director itself: jlvsd relays those about
         * its connections with the quoted header translated, and the kernel's untranslated copy
         * would tell the client the real server's address. Keyed {@code icmp . RIP}: no port.
         */
        NAT_ICMP("naticmp", "saddr", null, false,
                " icmp type { destination-unreachable, time-exceeded, parameter-problem }" + NOT_LOCAL,
                " icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem }" + NOT_LOCAL,
                "NAT real server's ICMP error to be translated by jlvsd"),
        /** A FULLNAT real server's packets from its address:port to a local address of its service. */
        FULLNAT("fullnat", "saddr", "sport", true, "", "", "FULLNAT reply to a local address");

        private final String setName;
        private final String address;
        private final String port;
        private final boolean toLocalAddress;
        private final String condition4;
        private final String condition6;
        private final String why;

        Kind(String setName, String address, String port, boolean toLocalAddress, String condition4, String condition6,
             String why) {
            this.setName = setName;
            this.address = address;
            this.port = port;
            this.toLocalAddress = toLocalAddress;
            this.condition4 = condition4;
            this.condition6 = condition6;
            this.why = why;
        }

        /** Whether its keys may hold a port (then there is a set with and one without). */
        boolean ported() {
            return port != null;
        }
    }

    /** Forwarded, not for the director itself. */
    private static final String NOT_LOCAL = " fib daddr type != local";

    /** Every set, in the order the table declares them. */
    static final List<GuardSet> ALL = all();

    private static List<GuardSet> all() {
        List<GuardSet> sets = new ArrayList<>();
        for (boolean ipv4 : new boolean[] {true, false}) {
            for (Kind kind : Kind.values()) {
                if (kind.ported()) {
                    sets.add(new GuardSet(kind, false, ipv4));
                }
                sets.add(new GuardSet(kind, true, ipv4));
            }
        }
        return List.copyOf(sets);
    }

    /** The set's name in the table. */
    String setName() {
        return kind.setName + (anyPort && kind.ported() ? "any" : "") + (ipv4 ? "4" : "6");
    }

    /** The set's declaration: {@code set vip4 { type inet_proto . ipv4_addr . inet_service; }}. */
    String declaration() {
        String address = ipv4 ? "ipv4_addr" : "ipv6_addr";
        return "set " + setName() + " { type inet_proto . " + address + (anyPort ? "" : " . inet_service")
                + (kind.toLocalAddress ? " . " + address : "") + "; }";
    }

    /** The rule that drops a packet whose key is in the set, with a comment for whoever lists the table. */
    String rule() {
        String ip = ipv4 ? "ip" : "ip6";
        return "meta l4proto . " + ip + " " + kind.address + (anyPort ? "" : " . th " + kind.port)
                + (kind.toLocalAddress ? " . " + ip + " daddr" : "") + " @" + setName()
                + (ipv4 ? kind.condition4 : kind.condition6)
                + " counter drop comment \"" + kind.why + (anyPort && kind.ported() ? ", every port" : "") + "\"";
    }
}
