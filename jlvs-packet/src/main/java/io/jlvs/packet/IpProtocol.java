package io.jlvs.packet;

/** IP protocol numbers (IPv4 protocol, IPv6 next header) the packet code names. */
public final class IpProtocol {
    /** IPv6 hop-by-hop options. */
    public static final int HOP_BY_HOP = 0;
    /** ICMP. */
    public static final int ICMP = 1;
    /** IPv4 in IP (IPIP). */
    public static final int IPIP = 4;
    /** TCP. */
    public static final int TCP = 6;
    /** UDP. */
    public static final int UDP = 17;
    /** IPv6 in IP (6in4, IPv6-in-IPv6). */
    public static final int IPV6 = 41;
    /** IPv6 routing header. */
    public static final int ROUTING = 43;
    /** IPv6 fragment header. */
    public static final int FRAGMENT = 44;
    /** ESP. */
    public static final int ESP = 50;
    /** Authentication header. */
    public static final int AH = 51;
    /** ICMPv6. */
    public static final int ICMPV6 = 58;
    /** IPv6 no next header. */
    public static final int NO_NEXT_HEADER = 59;
    /** IPv6 destination options. */
    public static final int DESTINATION_OPTIONS = 60;

    private IpProtocol() {
    }
}
