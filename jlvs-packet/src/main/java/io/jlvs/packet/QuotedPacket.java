package io.jlvs.packet;

import java.lang.foreign.MemorySegment;

/**
 * The packet an ICMP or ICMPv6 error quotes, parsed leniently and reused per frame: the quote is
 * cut short (IPv4 routers send the IP header and 8 bytes of L4), so its lengths may point past the
 * quote and its checksums are not checked. What the engine needs to find the connection is
 * checked: the IP header itself and, unless the quote is of a later fragment, the 8 bytes that
 * hold the ports (TCP, UDP) or the echo id.
 */
public final class QuotedPacket {
    private static final int QUOTED_L4 = 8;

    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final Ipv6ExtensionWalk extensions = new Ipv6ExtensionWalk();

    private MemorySegment segment;
    private int family;
    private long l3Offset;
    private int l4Protocol;
    private long l4Offset;
    private boolean laterFragment;

    /**
     * Parses the quote [offset, offset + length) (for an error, from the ICMP header's
     * quotedPacketOffset() to the end of the IP packet); returns a {@link FrameVerdict}.
     */
    public int parse(MemorySegment segment, long offset, int length) {
        this.segment = segment;
        family = ParsedFrame.FAMILY_NONE;
        l3Offset = offset;
        l4Protocol = -1;
        l4Offset = offset;
        laterFragment = false;
        if (length < 1) {
            return FrameVerdict.TRUNCATED_IPV4;
        }
        int verdict = switch (NetworkBytes.u8(segment, offset) >>> 4) {
            case 4 -> parseIpv4(offset, length);
            case 6 -> parseIpv6(offset, length);
            default -> FrameVerdict.BAD_IP_VERSION;
        };
        if (verdict != FrameVerdict.OK || laterFragment) {
            return verdict;
        }
        if (offset + length - l4Offset < QUOTED_L4) {
            return l4Protocol == IpProtocol.UDP ? FrameVerdict.TRUNCATED_UDP
                    : l4Protocol == IpProtocol.TCP ? FrameVerdict.TRUNCATED_TCP
                    : family == ParsedFrame.FAMILY_IPV6 ? FrameVerdict.TRUNCATED_ICMPV6 : FrameVerdict.TRUNCATED_ICMP;
        }
        return FrameVerdict.OK;
    }

    private int parseIpv4(long offset, int length) {
        if (length < Ipv4Header.MIN_LENGTH) {
            return FrameVerdict.TRUNCATED_IPV4;
        }
        ipv4.wrap(segment, offset);
        int headerLength = ipv4.headerLength();
        if (headerLength < Ipv4Header.MIN_LENGTH) {
            return FrameVerdict.BAD_IPV4_HEADER_LENGTH;
        }
        if (headerLength > length) {
            return FrameVerdict.TRUNCATED_IPV4;
        }
        family = ParsedFrame.FAMILY_IPV4;
        l4Protocol = ipv4.protocol();
        l4Offset = offset + headerLength;
        laterFragment = ipv4.fragmentOffsetBytes() > 0;
        return FrameVerdict.OK;
    }

    private int parseIpv6(long offset, int length) {
        if (length < Ipv6Header.LENGTH) {
            return FrameVerdict.TRUNCATED_IPV6;
        }
        ipv6.wrap(segment, offset);
        switch (extensions.walk(segment, offset, offset + length)) {
            case Ipv6ExtensionWalk.TRUNCATED -> {
                return FrameVerdict.TRUNCATED_IPV6_EXTENSION;
            }
            case Ipv6ExtensionWalk.MISPLACED -> {
                return FrameVerdict.MISPLACED_IPV6_EXTENSION;
            }
            default -> {
            }
        }
        family = ParsedFrame.FAMILY_IPV6;
        l4Protocol = extensions.protocol();
        l4Offset = extensions.upperLayerOffset();
        laterFragment = extensions.fragmentOffsetBytes() > 0;
        return FrameVerdict.OK;
    }

    /** FAMILY_IPV4 or FAMILY_IPV6 (ParsedFrame's constants), FAMILY_NONE when refused. */
    public int family() {
        return family;
    }

    /** Where the quoted IP header starts. */
    public long l3Offset() {
        return l3Offset;
    }

    /** The quoted packet's upper-layer protocol, -1 when refused. */
    public int l4Protocol() {
        return l4Protocol;
    }

    /** Where the quoted upper layer starts (its first 8 bytes are there unless a later fragment). */
    public long l4Offset() {
        return l4Offset;
    }

    /** True when the quote is of a later fragment: no L4 header, no ports. */
    public boolean isLaterFragment() {
        return laterFragment;
    }

    /** The quoted TCP or UDP source port (the first 16 bits of the L4 header). */
    public int sourcePort() {
        return NetworkBytes.u16(segment, l4Offset);
    }

    /** The quoted TCP or UDP destination port (the second 16 bits of the L4 header). */
    public int destinationPort() {
        return NetworkBytes.u16(segment, l4Offset + 2);
    }

    /** The quoted IPv4 header, when the family is IPv4. */
    public Ipv4Header ipv4() {
        return ipv4;
    }

    /** The quoted IPv6 header, when the family is IPv6. */
    public Ipv6Header ipv6() {
        return ipv6;
    }
}
