package io.jlvs.packet;

/**
 * The fixed IPv6 header (RFC 8200), 40 bytes. Addresses are four big-endian 32-bit words, word 0
 * the highest. The extension headers after it are walked by {@link Ipv6ExtensionWalk}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Traffic Class |           Flow Label                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Payload Length        |  Next Header  |   Hop Limit   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Source Address (4 words, offset 8)            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              Destination Address (4 words, offset 24)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv6Header extends HeaderFlyweight<Ipv6Header> {
    /** Offset of version, traffic class and flow label. */
    public static final int VERSION_CLASS_FLOW_OFFSET = 0;
    /** Offset of the payload length. */
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    /** Offset of the next header. */
    public static final int NEXT_HEADER_OFFSET = 6;
    /** Offset of the hop limit. */
    public static final int HOP_LIMIT_OFFSET = 7;
    /** Offset of the source address. */
    public static final int SOURCE_OFFSET = 8;
    /** Offset of the destination address. */
    public static final int DESTINATION_OFFSET = 24;
    /** Length of the fixed header. */
    public static final int LENGTH = 40;

    /** The version field (6 for a good packet). */
    public int version() {
        return u8(0) >>> 4;
    }

    /** The traffic class byte. */
    public int trafficClass() {
        return (u32(0) >>> 20) & 0xFF;
    }

    /** The 20-bit flow label. */
    public int flowLabel() {
        return u32(0) & 0xF_FFFF;
    }

    /** Writes version 6, the traffic class and the flow label. */
    public Ipv6Header versionClassFlow(int trafficClass, int flowLabel) {
        setU32(0, (6 << 28) | ((trafficClass & 0xFF) << 20) | (flowLabel & 0xF_FFFF));
        return this;
    }

    /** The payload length (everything after the fixed header, extension headers included). */
    public int payloadLength() {
        return u16(PAYLOAD_LENGTH_OFFSET);
    }

    /** Sets the payload length. */
    public Ipv6Header payloadLength(int length) {
        setU16(PAYLOAD_LENGTH_OFFSET, length);
        return this;
    }

    /** The next header after the fixed header. */
    public int nextHeader() {
        return u8(NEXT_HEADER_OFFSET);
    }

    /** Sets the next header. */
    public Ipv6Header nextHeader(int protocol) {
        setU8(NEXT_HEADER_OFFSET, protocol);
        return this;
    }

    /** The hop limit. */
    public int hopLimit() {
        return u8(HOP_LIMIT_OFFSET);
    }

    /** Sets the hop limit. */
    public Ipv6Header hopLimit(int hops) {
        setU8(HOP_LIMIT_OFFSET, hops);
        return this;
    }

    /** Word index (0..3, 0 the highest) of the source address. */
    public int source(int word) {
        return u32(SOURCE_OFFSET + 4L * word);
    }

    /** Sets word index (0..3) of the source address. */
    public Ipv6Header source(int word, int value) {
        setU32(SOURCE_OFFSET + 4L * word, value);
        return this;
    }

    /** Word index (0..3, 0 the highest) of the destination address. */
    public int destination(int word) {
        return u32(DESTINATION_OFFSET + 4L * word);
    }

    /** Sets word index (0..3) of the destination address. */
    public Ipv6Header destination(int word, int value) {
        setU32(DESTINATION_OFFSET + 4L * word, value);
        return this;
    }

    /** Sets the whole source address. */
    public Ipv6Header source(int w0, int w1, int w2, int w3) {
        return source(0, w0).source(1, w1).source(2, w2).source(3, w3);
    }

    /** Sets the whole destination address. */
    public Ipv6Header destination(int w0, int w1, int w2, int w3) {
        return destination(0, w0).destination(1, w1).destination(2, w2).destination(3, w3);
    }

    /** The pseudo-header sum for an upper layer of the given protocol and length. */
    public long pseudoHeaderSum(int protocol, int upperLayerLength) {
        return Checksums.ipv6PseudoHeaderSum(segment, offset, protocol, upperLayerLength);
    }
}
