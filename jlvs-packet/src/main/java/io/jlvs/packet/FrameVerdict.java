package io.jlvs.packet;

/**
 * What {@link ParsedFrame} made of a frame: {@link #OK} or one malformation, as small ints the
 * engine counts drops by ({@code drops[verdict]++}), with a names table to print them.
 */
public final class FrameVerdict {
    /** A well-formed frame (an unknown upper-layer protocol is still OK). */
    public static final int OK = 0;
    /** Shorter than the Ethernet header and its VLAN tags. */
    public static final int TRUNCATED_ETHERNET = 1;
    /** An EtherType other than IPv4, IPv6 and ARP (or a third VLAN tag). */
    public static final int UNKNOWN_ETHERTYPE = 2;
    /** Shorter than an Ethernet/IPv4 ARP packet. */
    public static final int TRUNCATED_ARP = 3;
    /** The IP version field disagrees with the EtherType (or is neither 4 nor 6). */
    public static final int BAD_IP_VERSION = 4;
    /** Shorter than 20 bytes or than the IPv4 header's IHL says. */
    public static final int TRUNCATED_IPV4 = 5;
    /** IHL below 5. */
    public static final int BAD_IPV4_HEADER_LENGTH = 6;
    /** IPv4 total length below the header length. */
    public static final int BAD_IPV4_TOTAL_LENGTH = 7;
    /** IPv4 total length beyond the frame. */
    public static final int IPV4_TOTAL_LENGTH_BEYOND_FRAME = 8;
    /** The IPv4 header checksum does not verify. */
    public static final int BAD_IPV4_CHECKSUM = 9;
    /** Shorter than the 40-byte IPv6 header. */
    public static final int TRUNCATED_IPV6 = 10;
    /** IPv6 payload length beyond the frame. */
    public static final int IPV6_PAYLOAD_BEYOND_FRAME = 11;
    /** An IPv6 extension header runs past the packet. */
    public static final int TRUNCATED_IPV6_EXTENSION = 12;
    /** Hop-by-hop not first, or two fragment headers. */
    public static final int MISPLACED_IPV6_EXTENSION = 13;
    /** A fragment whose offset plus length passes 65535 bytes. */
    public static final int BAD_FRAGMENT_OFFSET = 14;
    /** Fewer than 20 bytes of TCP header. */
    public static final int TRUNCATED_TCP = 15;
    /** TCP data offset below 5, or past the end of the segment. */
    public static final int BAD_TCP_DATA_OFFSET = 16;
    /** Fewer than 8 bytes of UDP header. */
    public static final int TRUNCATED_UDP = 17;
    /** UDP length below 8 or past the IP payload (unfragmented datagrams only). */
    public static final int BAD_UDP_LENGTH = 18;
    /** Fewer than 8 bytes of ICMP header. */
    public static final int TRUNCATED_ICMP = 19;
    /** Fewer than 8 bytes of ICMPv6 header. */
    public static final int TRUNCATED_ICMPV6 = 20;
    /** How many verdicts there are (size a counter array with it). */
    public static final int COUNT = 21;

    private static final String[] NAMES = {
        "ok",
        "truncated_ethernet",
        "unknown_ethertype",
        "truncated_arp",
        "bad_ip_version",
        "truncated_ipv4",
        "bad_ipv4_header_length",
        "bad_ipv4_total_length",
        "ipv4_total_length_beyond_frame",
        "bad_ipv4_checksum",
        "truncated_ipv6",
        "ipv6_payload_beyond_frame",
        "truncated_ipv6_extension",
        "misplaced_ipv6_extension",
        "bad_fragment_offset",
        "truncated_tcp",
        "bad_tcp_data_offset",
        "truncated_udp",
        "bad_udp_length",
        "truncated_icmp",
        "truncated_icmpv6",
    };

    private FrameVerdict() {
    }

    /** The printable name of a verdict (lower case with underscores). */
    public static String name(int verdict) {
        if (verdict < 0 || verdict >= COUNT) {
            throw new IllegalArgumentException("no frame verdict " + verdict + " (0 to " + (COUNT - 1) + ")");
        }
        return NAMES[verdict];
    }
}
