package io.jlvs.packet;

import java.lang.foreign.MemorySegment;

import static io.jlvs.packet.NetworkBytes.u16;
import static io.jlvs.packet.NetworkBytes.u8;

/**
 * One frame parsed in one pass and reused for the next (one instance per worker): where each
 * layer starts, the L3 family, the L4 protocol, the fragment state, and a {@link FrameVerdict}.
 * The header flyweights come back wrapped at their layers ({@link #ipv4()}, {@link #tcp()}, ...);
 * only those the verdict vouches for are meaningful. Bytes after the IP packet's length (Ethernet
 * padding) are ignored, not an error. Offsets are absolute in the segment.
 */
public final class ParsedFrame {
    /** No L3 (before parsing, or the frame was refused at L2). */
    public static final int FAMILY_NONE = 0;
    /** ARP. */
    public static final int FAMILY_ARP = 1;
    /** IPv4. */
    public static final int FAMILY_IPV4 = 4;
    /** IPv6. */
    public static final int FAMILY_IPV6 = 6;
    /** Not a fragment. */
    public static final int NOT_FRAGMENT = 0;
    /** The first fragment (offset 0, more follow): the L4 header is here. */
    public static final int FIRST_FRAGMENT = 1;
    /** A later fragment (offset above 0): no L4 header, l4Offset is where its data starts. */
    public static final int LATER_FRAGMENT = 2;

    private static final int MAX_IP_PACKET = 65535;

    private final EthernetHeader ethernet = new EthernetHeader();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final Ipv6ExtensionWalk extensions = new Ipv6ExtensionWalk();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();
    private final IcmpHeader icmp = new IcmpHeader();
    private final Icmpv6Header icmpv6 = new Icmpv6Header();

    private MemorySegment segment;
    private long frameOffset;
    private int frameLength;
    private int verdict;
    private int l2Length;
    private int vlanCount;
    private int etherType;
    private int family;
    private long l3Offset;
    private int l3Length;
    private int l4Protocol;
    private long l4Offset;
    private int l4Length;
    private int fragmentState;
    private int fragmentOffsetBytes;

    /** Parses the Ethernet frame [offset, offset + length) and returns the verdict. */
    public int parse(MemorySegment segment, long offset, int length) {
        reset(segment, offset, length);
        if (length < EthernetHeader.LENGTH) {
            return verdict(FrameVerdict.TRUNCATED_ETHERNET);
        }
        ethernet.wrap(segment, offset);
        int type = u16(segment, offset + EthernetHeader.ETHER_TYPE_OFFSET);
        while (EthernetHeader.isTag(type) && vlanCount < EthernetHeader.MAX_TAGS) {
            vlanCount++;
            if (EthernetHeader.LENGTH + vlanCount * EthernetHeader.TAG_LENGTH > length) {
                return verdict(FrameVerdict.TRUNCATED_ETHERNET);
            }
            type = u16(segment, offset + EthernetHeader.ETHER_TYPE_OFFSET + (long) vlanCount * EthernetHeader.TAG_LENGTH);
        }
        l2Length = EthernetHeader.LENGTH + vlanCount * EthernetHeader.TAG_LENGTH;
        etherType = type;
        l3Offset = offset + l2Length;
        int available = length - l2Length;
        return switch (type) {
            case EthernetHeader.TYPE_IPV4 -> verdict(parseIpv4(available));
            case EthernetHeader.TYPE_IPV6 -> verdict(parseIpv6(available));
            case EthernetHeader.TYPE_ARP -> verdict(parseArp(available));
            default -> verdict(FrameVerdict.UNKNOWN_ETHERTYPE);
        };
    }

    /**
     * Parses a bare IP packet [offset, offset + length) with no Ethernet header (the inner packet
     * of an IP-in-IP tunnel), choosing the family by the version field; returns the verdict.
     */
    public int parseIp(MemorySegment segment, long offset, int length) {
        reset(segment, offset, length);
        l3Offset = offset;
        if (length < 1) {
            return verdict(FrameVerdict.TRUNCATED_IPV4);
        }
        return switch (u8(segment, offset) >>> 4) {
            case 4 -> {
                etherType = EthernetHeader.TYPE_IPV4;
                yield verdict(parseIpv4(length));
            }
            case 6 -> {
                etherType = EthernetHeader.TYPE_IPV6;
                yield verdict(parseIpv6(length));
            }
            default -> verdict(FrameVerdict.BAD_IP_VERSION);
        };
    }

    private void reset(MemorySegment segment, long offset, int length) {
        this.segment = segment;
        this.frameOffset = offset;
        this.frameLength = length;
        verdict = FrameVerdict.OK;
        l2Length = 0;
        vlanCount = 0;
        etherType = 0;
        family = FAMILY_NONE;
        l3Offset = offset;
        l3Length = 0;
        l4Protocol = -1;
        l4Offset = offset;
        l4Length = 0;
        fragmentState = NOT_FRAGMENT;
        fragmentOffsetBytes = 0;
    }

    private int verdict(int verdict) {
        this.verdict = verdict;
        return verdict;
    }

    private int parseArp(int available) {
        if (available < ArpPacket.LENGTH) {
            return FrameVerdict.TRUNCATED_ARP;
        }
        family = FAMILY_ARP;
        arp.wrap(segment, l3Offset);
        l3Length = ArpPacket.LENGTH;
        return FrameVerdict.OK;
    }

    private int parseIpv4(int available) {
        if (available < Ipv4Header.MIN_LENGTH) {
            return FrameVerdict.TRUNCATED_IPV4;
        }
        ipv4.wrap(segment, l3Offset);
        if (ipv4.version() != 4) {
            return FrameVerdict.BAD_IP_VERSION;
        }
        int headerLength = ipv4.headerLength();
        if (headerLength < Ipv4Header.MIN_LENGTH) {
            return FrameVerdict.BAD_IPV4_HEADER_LENGTH;
        }
        if (headerLength > available) {
            return FrameVerdict.TRUNCATED_IPV4;
        }
        int total = ipv4.totalLength();
        if (total < headerLength) {
            return FrameVerdict.BAD_IPV4_TOTAL_LENGTH;
        }
        if (total > available) {
            return FrameVerdict.IPV4_TOTAL_LENGTH_BEYOND_FRAME;
        }
        if (!ipv4.verifyChecksum()) {
            return FrameVerdict.BAD_IPV4_CHECKSUM;
        }
        family = FAMILY_IPV4;
        l3Length = total;
        l4Protocol = ipv4.protocol();
        l4Offset = l3Offset + headerLength;
        l4Length = total - headerLength;
        return fragmentThenTransport(ipv4.fragmentOffsetBytes(), ipv4.moreFragments());
    }

    private int parseIpv6(int available) {
        if (available < Ipv6Header.LENGTH) {
            return FrameVerdict.TRUNCATED_IPV6;
        }
        ipv6.wrap(segment, l3Offset);
        if (ipv6.version() != 6) {
            return FrameVerdict.BAD_IP_VERSION;
        }
        int total = Ipv6Header.LENGTH + ipv6.payloadLength();
        if (total > available) {
            return FrameVerdict.IPV6_PAYLOAD_BEYOND_FRAME;
        }
        long end = l3Offset + total;
        switch (extensions.walk(segment, l3Offset, end)) {
            case Ipv6ExtensionWalk.TRUNCATED -> {
                return FrameVerdict.TRUNCATED_IPV6_EXTENSION;
            }
            case Ipv6ExtensionWalk.MISPLACED -> {
                return FrameVerdict.MISPLACED_IPV6_EXTENSION;
            }
            default -> {
            }
        }
        family = FAMILY_IPV6;
        l3Length = total;
        l4Protocol = extensions.protocol();
        l4Offset = extensions.upperLayerOffset();
        l4Length = (int) (end - l4Offset);
        return fragmentThenTransport(extensions.fragmentOffsetBytes(), extensions.moreFragments());
    }

    private int fragmentThenTransport(int offsetBytes, boolean more) {
        fragmentOffsetBytes = offsetBytes;
        if (offsetBytes + l4Length > MAX_IP_PACKET) {
            return FrameVerdict.BAD_FRAGMENT_OFFSET;
        }
        if (offsetBytes > 0) {
            fragmentState = LATER_FRAGMENT;
            return FrameVerdict.OK;
        }
        fragmentState = more ? FIRST_FRAGMENT : NOT_FRAGMENT;
        return parseTransport();
    }

    private int parseTransport() {
        switch (l4Protocol) {
            case IpProtocol.TCP -> {
                if (l4Length < TcpHeader.MIN_LENGTH) {
                    return FrameVerdict.TRUNCATED_TCP;
                }
                int headerLength = tcp.wrap(segment, l4Offset).headerLength();
                if (headerLength < TcpHeader.MIN_LENGTH || headerLength > l4Length) {
                    return FrameVerdict.BAD_TCP_DATA_OFFSET;
                }
            }
            case IpProtocol.UDP -> {
                if (l4Length < UdpHeader.LENGTH) {
                    return FrameVerdict.TRUNCATED_UDP;
                }
                int udpLength = udp.wrap(segment, l4Offset).length();
                if (fragmentState == NOT_FRAGMENT && (udpLength < UdpHeader.LENGTH || udpLength > l4Length)) {
                    return FrameVerdict.BAD_UDP_LENGTH;
                }
            }
            case IpProtocol.ICMP -> {
                if (family == FAMILY_IPV4) {
                    if (l4Length < IcmpHeader.LENGTH) {
                        return FrameVerdict.TRUNCATED_ICMP;
                    }
                    icmp.wrap(segment, l4Offset);
                }
            }
            case IpProtocol.ICMPV6 -> {
                if (family == FAMILY_IPV6) {
                    if (l4Length < Icmpv6Header.LENGTH) {
                        return FrameVerdict.TRUNCATED_ICMPV6;
                    }
                    icmpv6.wrap(segment, l4Offset);
                }
            }
            default -> {
            }
        }
        return FrameVerdict.OK;
    }

    /** The verdict of the last parse. */
    public int verdict() {
        return verdict;
    }

    /** The segment of the last parse. */
    public MemorySegment segment() {
        return segment;
    }

    /** Where the frame starts. */
    public long frameOffset() {
        return frameOffset;
    }

    /** The frame's length as received (padding included). */
    public int frameLength() {
        return frameLength;
    }

    /** The Ethernet header length with its tags (0 after {@link #parseIp}). */
    public int l2Length() {
        return l2Length;
    }

    /** How many VLAN tags the frame carries. */
    public int vlanCount() {
        return vlanCount;
    }

    /** The EtherType after the tags. */
    public int etherType() {
        return etherType;
    }

    /** FAMILY_NONE, FAMILY_ARP, FAMILY_IPV4 or FAMILY_IPV6. */
    public int family() {
        return family;
    }

    /** Where the L3 header starts. */
    public long l3Offset() {
        return l3Offset;
    }

    /** The L3 packet's length by its own header (IPv4 total length, 40 + IPv6 payload length). */
    public int l3Length() {
        return l3Length;
    }

    /** The first byte after the IP packet (padding starts here). */
    public long l3End() {
        return l3Offset + l3Length;
    }

    /** The upper-layer protocol (IPv4 protocol, IPv6 after the extension headers), -1 for none. */
    public int l4Protocol() {
        return l4Protocol;
    }

    /** Where the upper layer starts (for a later fragment: where its data starts). */
    public long l4Offset() {
        return l4Offset;
    }

    /** The upper layer's bytes in this packet, header included (up to the IP length). */
    public int l4Length() {
        return l4Length;
    }

    /** NOT_FRAGMENT, FIRST_FRAGMENT or LATER_FRAGMENT. */
    public int fragmentState() {
        return fragmentState;
    }

    /** The fragment offset in bytes. */
    public int fragmentOffsetBytes() {
        return fragmentOffsetBytes;
    }

    /** True when the L4 header is present (not a later fragment, and the verdict is OK). */
    public boolean hasTransportHeader() {
        return verdict == FrameVerdict.OK && fragmentState != LATER_FRAGMENT && l4Protocol >= 0;
    }

    /** The Ethernet header (after {@link #parse}). */
    public EthernetHeader ethernet() {
        return ethernet;
    }

    /** The ARP packet, when the family is ARP. */
    public ArpPacket arp() {
        return arp;
    }

    /** The IPv4 header, when the family is IPv4. */
    public Ipv4Header ipv4() {
        return ipv4;
    }

    /** The IPv6 header, when the family is IPv6. */
    public Ipv6Header ipv6() {
        return ipv6;
    }

    /** The IPv6 extension walk, when the family is IPv6 (fragment identification, count). */
    public Ipv6ExtensionWalk ipv6Extensions() {
        return extensions;
    }

    /** The TCP header, when the L4 protocol is TCP and the header is present. */
    public TcpHeader tcp() {
        return tcp;
    }

    /** The UDP header, when the L4 protocol is UDP and the header is present. */
    public UdpHeader udp() {
        return udp;
    }

    /** The ICMP header, when the family is IPv4, the protocol ICMP and the header present. */
    public IcmpHeader icmp() {
        return icmp;
    }

    /** The ICMPv6 header, when the family is IPv6, the protocol ICMPv6 and the header present. */
    public Icmpv6Header icmpv6() {
        return icmpv6;
    }
}
