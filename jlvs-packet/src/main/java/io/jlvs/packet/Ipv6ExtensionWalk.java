package io.jlvs.packet;

import java.lang.foreign.MemorySegment;

import static io.jlvs.packet.NetworkBytes.u16;
import static io.jlvs.packet.NetworkBytes.u32;
import static io.jlvs.packet.NetworkBytes.u8;

/**
 * A walk over the IPv6 extension headers to the upper layer, reused per frame: hop-by-hop (first
 * only), routing, destination options and fragment (RFC 8200 4). AH is walked too (its length
 * counts 4-byte words). The walk stops at the first other next header: that is the upper layer.
 *
 * <pre>
 *  generic extension header              fragment header (8 bytes)
 *  +-------------+-------------+----     +-------------+-------------+-------------------------+-+-+-+
 *  | next header | hdr ext len | ...     | next header |  reserved   | fragment offset (13)    |res|M|
 *  +-------------+-------------+----     +-------------+-------------+-------------------------+-+-+-+
 *  length = (hdr ext len + 1) * 8        |                   identification                        |
 *                                        +---------------------------------------------------------+
 * </pre>
 */
public final class Ipv6ExtensionWalk {
    /** The walk reached an upper-layer header. */
    public static final int OK = 0;
    /** An extension header runs past the end. */
    public static final int TRUNCATED = 1;
    /** A hop-by-hop header that is not first, or a second fragment header. */
    public static final int MISPLACED = 2;

    private int protocol;
    private long upperLayerOffset;
    private boolean fragment;
    private int fragmentOffsetBytes;
    private boolean moreFragments;
    private int fragmentIdentification;
    private int extensionCount;

    /**
     * Walks from the fixed header at headerOffset to the upper layer; end is the first byte after
     * the packet. Returns OK, TRUNCATED or MISPLACED; on OK the getters describe what was found.
     */
    public int walk(MemorySegment segment, long headerOffset, long end) {
        protocol = u8(segment, headerOffset + Ipv6Header.NEXT_HEADER_OFFSET);
        long at = headerOffset + Ipv6Header.LENGTH;
        fragment = false;
        fragmentOffsetBytes = 0;
        moreFragments = false;
        fragmentIdentification = 0;
        extensionCount = 0;
        while (isExtension(protocol)) {
            if (protocol == IpProtocol.HOP_BY_HOP && extensionCount > 0
                    || protocol == IpProtocol.FRAGMENT && fragment) {
                return MISPLACED;
            }
            if (at + 8 > end) {
                return TRUNCATED;
            }
            int next = u8(segment, at);
            long length;
            if (protocol == IpProtocol.FRAGMENT) {
                int word = u16(segment, at + 2);
                fragment = true;
                fragmentOffsetBytes = word & 0xFFF8;
                moreFragments = (word & 1) != 0;
                fragmentIdentification = u32(segment, at + 4);
                length = 8;
            } else if (protocol == IpProtocol.AH) {
                length = (u8(segment, at + 1) + 2L) * 4;
            } else {
                length = (u8(segment, at + 1) + 1L) * 8;
            }
            if (at + length > end) {
                return TRUNCATED;
            }
            at += length;
            protocol = next;
            extensionCount++;
        }
        upperLayerOffset = at;
        return OK;
    }

    /** True for the next-header values the walk steps over. */
    public static boolean isExtension(int nextHeader) {
        return nextHeader == IpProtocol.HOP_BY_HOP || nextHeader == IpProtocol.ROUTING
                || nextHeader == IpProtocol.FRAGMENT || nextHeader == IpProtocol.DESTINATION_OPTIONS
                || nextHeader == IpProtocol.AH;
    }

    /** The upper-layer protocol (6, 17, 58, ... or 59 for none). */
    public int protocol() {
        return protocol;
    }

    /** Where the upper layer starts in the segment. */
    public long upperLayerOffset() {
        return upperLayerOffset;
    }

    /** True when a fragment header was found. */
    public boolean isFragment() {
        return fragment;
    }

    /** The fragment offset in bytes (0 without a fragment header). */
    public int fragmentOffsetBytes() {
        return fragmentOffsetBytes;
    }

    /** The M flag of the fragment header. */
    public boolean moreFragments() {
        return moreFragments;
    }

    /** The fragment header's identification. */
    public int fragmentIdentification() {
        return fragmentIdentification;
    }

    /** How many extension headers were stepped over. */
    public int extensionCount() {
        return extensionCount;
    }
}
