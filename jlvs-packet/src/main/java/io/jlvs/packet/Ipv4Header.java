package io.jlvs.packet;

/**
 * An IPv4 header (RFC 791) with its options.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version|  IHL  |Type of Service|          Total Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Identification        |0|D|M|      Fragment Offset    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Time to Live |    Protocol   |         Header Checksum       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Source Address                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Destination Address                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options (IHL &gt; 5)          |    Padding    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * IHL counts 32-bit words; the fragment offset counts 8-byte units. Setters of addresses and
 * TTL keep the header checksum right incrementally; the others leave it to {@link #updateChecksum()}.
 */
public final class Ipv4Header extends HeaderFlyweight<Ipv4Header> {
    /** Offset of version and IHL. */
    public static final int VERSION_IHL_OFFSET = 0;
    /** Offset of the type of service (DSCP and ECN). */
    public static final int TOS_OFFSET = 1;
    /** Offset of the total length. */
    public static final int TOTAL_LENGTH_OFFSET = 2;
    /** Offset of the identification. */
    public static final int IDENTIFICATION_OFFSET = 4;
    /** Offset of the flags and fragment offset. */
    public static final int FRAGMENT_OFFSET = 6;
    /** Offset of the TTL. */
    public static final int TTL_OFFSET = 8;
    /** Offset of the protocol. */
    public static final int PROTOCOL_OFFSET = 9;
    /** Offset of the header checksum. */
    public static final int CHECKSUM_OFFSET = 10;
    /** Offset of the source address. */
    public static final int SOURCE_OFFSET = 12;
    /** Offset of the destination address. */
    public static final int DESTINATION_OFFSET = 16;
    /** Length of a header without options. */
    public static final int MIN_LENGTH = 20;
    /** Length of a header with the most options (IHL 15). */
    public static final int MAX_LENGTH = 60;
    /** Flag bit in the fragment word: don't fragment. */
    public static final int FLAG_DF = 0x4000;
    /** Flag bit in the fragment word: more fragments. */
    public static final int FLAG_MF = 0x2000;
    /** The fragment offset bits of the fragment word. */
    public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    /** The version field (4 for a good packet). */
    public int version() {
        return u8(0) >>> 4;
    }

    /** The IHL field in 32-bit words. */
    public int ihl() {
        return u8(0) & 0x0F;
    }

    /** The header length in bytes (IHL * 4), where the payload starts. */
    public int headerLength() {
        return ihl() << 2;
    }

    /** Writes version 4 and the header length in bytes (a multiple of 4, 20 to 60). */
    public Ipv4Header versionAndHeaderLength(int headerLength) {
        setU8(0, 0x40 | (headerLength >>> 2));
        return this;
    }

    /** The type of service byte (DSCP and ECN). */
    public int tos() {
        return u8(TOS_OFFSET);
    }

    /** Sets the type of service byte. */
    public Ipv4Header tos(int tos) {
        setU8(TOS_OFFSET, tos);
        return this;
    }

    /** Total length of the packet, header included. */
    public int totalLength() {
        return u16(TOTAL_LENGTH_OFFSET);
    }

    /** Sets the total length. */
    public Ipv4Header totalLength(int length) {
        setU16(TOTAL_LENGTH_OFFSET, length);
        return this;
    }

    /** The identification. */
    public int identification() {
        return u16(IDENTIFICATION_OFFSET);
    }

    /** Sets the identification. */
    public Ipv4Header identification(int id) {
        setU16(IDENTIFICATION_OFFSET, id);
        return this;
    }

    /** The whole flags and fragment offset word. */
    public int fragmentWord() {
        return u16(FRAGMENT_OFFSET);
    }

    /** Sets the whole flags and fragment offset word. */
    public Ipv4Header fragmentWord(int word) {
        setU16(FRAGMENT_OFFSET, word);
        return this;
    }

    /** Don't fragment. */
    public boolean dontFragment() {
        return (fragmentWord() & FLAG_DF) != 0;
    }

    /** More fragments follow. */
    public boolean moreFragments() {
        return (fragmentWord() & FLAG_MF) != 0;
    }

    /** The fragment offset in bytes. */
    public int fragmentOffsetBytes() {
        return (fragmentWord() & FRAGMENT_OFFSET_MASK) << 3;
    }

    /** True for any fragment (MF set or a non-zero offset). */
    public boolean isFragment() {
        return (fragmentWord() & (FLAG_MF | FRAGMENT_OFFSET_MASK)) != 0;
    }

    /** Time to live. */
    public int ttl() {
        return u8(TTL_OFFSET);
    }

    /** Sets the TTL, leaving the checksum as it was. */
    public Ipv4Header ttl(int ttl) {
        setU8(TTL_OFFSET, ttl);
        return this;
    }

    /** Decrements the TTL and updates the header checksum incrementally (the TTL must be above 0). */
    public Ipv4Header decrementTtl() {
        int word = u16(TTL_OFFSET);
        int next = word - 0x0100;
        setU16(TTL_OFFSET, next);
        checksum(Checksums.update16(checksum(), word, next));
        return this;
    }

    /** The protocol of the payload (6 TCP, 17 UDP, 1 ICMP, 4 IPIP, 41 IPv6). */
    public int protocol() {
        return u8(PROTOCOL_OFFSET);
    }

    /** Sets the protocol. */
    public Ipv4Header protocol(int protocol) {
        setU8(PROTOCOL_OFFSET, protocol);
        return this;
    }

    /** The header checksum field. */
    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    /** Sets the header checksum field. */
    public Ipv4Header checksum(int checksum) {
        setU16(CHECKSUM_OFFSET, checksum);
        return this;
    }

    /** The source address. */
    public int source() {
        return u32(SOURCE_OFFSET);
    }

    /** Sets the source address, leaving the checksum as it was. */
    public Ipv4Header source(int address) {
        setU32(SOURCE_OFFSET, address);
        return this;
    }

    /** The destination address. */
    public int destination() {
        return u32(DESTINATION_OFFSET);
    }

    /** Sets the destination address, leaving the checksum as it was. */
    public Ipv4Header destination(int address) {
        setU32(DESTINATION_OFFSET, address);
        return this;
    }

    /** Rewrites the source address and updates the header checksum incrementally. */
    public Ipv4Header rewriteSource(int address) {
        checksum(Checksums.update32(checksum(), source(), address));
        return source(address);
    }

    /** Rewrites the destination address and updates the header checksum incrementally. */
    public Ipv4Header rewriteDestination(int address) {
        checksum(Checksums.update32(checksum(), destination(), address));
        return destination(address);
    }

    /** The header checksum the header should carry (computed with the field taken as zero). */
    public int computeChecksum() {
        int length = headerLength();
        long sum = Checksums.sum(segment, offset, length) - checksum();
        return Checksums.complement(sum);
    }

    /** Writes the computed header checksum. */
    public Ipv4Header updateChecksum() {
        return checksum(computeChecksum());
    }

    /** True when the header (IHL words) sums to all ones. */
    public boolean verifyChecksum() {
        return Checksums.verifies(Checksums.sum(segment, offset, headerLength()));
    }

    /** The pseudo-header sum for the upper layer (payload length = total length - header length). */
    public long pseudoHeaderSum() {
        return Checksums.ipv4PseudoHeaderSum(source(), destination(), protocol(), totalLength() - headerLength());
    }
}
