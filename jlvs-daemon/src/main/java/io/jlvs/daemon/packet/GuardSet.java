package io.jlvs.daemon.packet;

import java.util.Locale;

/**
 * The nftables sets of jlvsd's kernel guard, one per kind of packet jlvsd handles and family,
 * each with the rule that drops a packet whose key is in it. Policy as a table: a new kind of
 * packet is a new row here, and the script and the rules derive from the rows.
 */
enum GuardSet {
    /** TCP/UDP/SCTP to a VIP:port of a service. */
    VIP4("vip4", "inet_proto . ipv4_addr . inet_service", "meta l4proto . ip daddr . th dport", "",
            "to a VIP:port of a service"),
    /** Any port of a port-0 (persistent, all ports) service's VIP. */
    VIP_ANY_PORT4("vipany4", "inet_proto . ipv4_addr", "meta l4proto . ip daddr", "",
            "to the VIP of a port-0 service"),
    /** Replies from a NAT real server's address:port on their way to a client (not to the director itself). */
    NAT4("nat4", "inet_proto . ipv4_addr . inet_service", "meta l4proto . ip saddr . th sport",
            " fib daddr type != local", "NAT reply to be translated by jlvsd"),
    /** Replies from a NAT real server of port 0 (every port of the address). */
    NAT_ANY_PORT4("natany4", "inet_proto . ipv4_addr", "meta l4proto . ip saddr", " fib daddr type != local",
            "NAT reply (port-0 real server) to be translated by jlvsd"),
    /** Replies from a FULLNAT real server's address:port to one of its service's local addresses. */
    FULLNAT4("fullnat4", "inet_proto . ipv4_addr . inet_service . ipv4_addr",
            "meta l4proto . ip saddr . th sport . ip daddr", "", "FULLNAT reply to a local address"),
    /** Replies from a FULLNAT real server of port 0 to one of its service's local addresses. */
    FULLNAT_ANY_PORT4("fullnatany4", "inet_proto . ipv4_addr . ipv4_addr", "meta l4proto . ip saddr . ip daddr", "",
            "FULLNAT reply (port-0 real server) to a local address"),
    VIP6("vip6", "inet_proto . ipv6_addr . inet_service", "meta l4proto . ip6 daddr . th dport", "",
            "to a VIP:port of a service"),
    VIP_ANY_PORT6("vipany6", "inet_proto . ipv6_addr", "meta l4proto . ip6 daddr", "",
            "to the VIP of a port-0 service"),
    NAT6("nat6", "inet_proto . ipv6_addr . inet_service", "meta l4proto . ip6 saddr . th sport",
            " fib daddr type != local", "NAT reply to be translated by jlvsd"),
    NAT_ANY_PORT6("natany6", "inet_proto . ipv6_addr", "meta l4proto . ip6 saddr", " fib daddr type != local",
            "NAT reply (port-0 real server) to be translated by jlvsd"),
    FULLNAT6("fullnat6", "inet_proto . ipv6_addr . inet_service . ipv6_addr",
            "meta l4proto . ip6 saddr . th sport . ip6 daddr", "", "FULLNAT reply to a local address"),
    FULLNAT_ANY_PORT6("fullnatany6", "inet_proto . ipv6_addr . ipv6_addr", "meta l4proto . ip6 saddr . ip6 daddr", "",
            "FULLNAT reply (port-0 real server) to a local address");

    /** What a set's keys name: a service's VIP, or a NAT or FULLNAT real server. */
    enum Kind { VIP, NAT, FULLNAT }

    private final String setName;
    private final String type;
    private final String key;
    private final String condition;
    private final String why;

    GuardSet(String setName, String type, String key, String condition, String why) {
        this.setName = setName;
        this.type = type;
        this.key = key;
        this.condition = condition;
        this.why = why;
    }

    /** The set for this kind of key, in this family, with or without a port. */
    static GuardSet of(Kind kind, boolean ipv4, boolean anyPort) {
        String name = kind.name().toLowerCase(Locale.ROOT) + (anyPort ? "any" : "") + (ipv4 ? "4" : "6");
        for (GuardSet set : values()) {
            if (set.setName.equals(name)) {
                return set;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** The set's name in the table. */
    String setName() {
        return setName;
    }

    /** The set's declaration: {@code set vip4 { type ...; }}. */
    String declaration() {
        return "set " + setName + " { type " + type + "; }";
    }

    /** The rule that drops a packet whose key is in the set, with a comment for whoever lists the table. */
    String rule() {
        return key + " @" + setName + condition + " counter drop comment \"" + why + "\"";
    }
}
