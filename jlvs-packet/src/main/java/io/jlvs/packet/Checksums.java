package io.jlvs.packet;

import java.lang.foreign.MemorySegment;

/**
 * The Internet checksum (RFC 1071): ones'-complement sums over bytes and pseudo-headers, and
 * RFC 1624 incremental updates (eqn. 3, HC' = ~(~HC + ~m + m')) for a rewritten 16-bit word,
 * 32-bit word or 128-bit address.
 *
 * <p>A sum is carried unfolded in a long (add sums freely, then {@link #fold(long)}). A full
 * checksum field holds the complement of the folded sum; a partial field (FrameOffload
 * needsChecksum) holds the folded pseudo-header sum, not complemented, and the {@code partial...}
 * updates keep it right when an address changes. Ports are not in the pseudo-header, so a port
 * change leaves a partial field alone.
 */
public final class Checksums {
    /** UDP over IPv4: a checksum field of 0 means "no checksum" (RFC 768). */
    public static final int UDP_NO_CHECKSUM = 0;

    private Checksums() {
    }

    /** The unfolded ones'-complement sum of length bytes from offset (an odd last byte pads with 0). */
    public static long sum(MemorySegment segment, long offset, int length) {
        long acc = 0;
        long at = offset;
        long end = offset + length;
        // 8 bytes at a time: two 32-bit halves added into 64 bits cannot overflow for any frame.
        for (; at + 8 <= end; at += 8) {
            long word = NetworkBytes.u64(segment, at);
            acc += (word >>> 32) + (word & 0xFFFF_FFFFL);
        }
        if (at + 4 <= end) {
            acc += NetworkBytes.u32(segment, at) & 0xFFFF_FFFFL;
            at += 4;
        }
        if (at + 2 <= end) {
            acc += NetworkBytes.u16(segment, at);
            at += 2;
        }
        if (at < end) {
            acc += NetworkBytes.u8(segment, at) << 8;
        }
        return acc;
    }

    /** Folds an unfolded sum to 16 bits with end-around carry. */
    public static int fold(long sum) {
        long s = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return (int) s;
    }

    /** The checksum field value for a sum: the complement of its fold. */
    public static int complement(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The checksum of a byte range whose checksum field is zero (the IPv4 header's, ICMP's). */
    public static int checksum(MemorySegment segment, long offset, int length) {
        return complement(sum(segment, offset, length));
    }

    /** True when a byte range including its checksum field sums to all ones. */
    public static boolean verifies(long sum) {
        return fold(sum) == 0xFFFF;
    }

    /** The IPv4 pseudo-header sum: source, destination, protocol, upper-layer length. */
    public static long ipv4PseudoHeaderSum(int source, int destination, int protocol, int length) {
        return (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF)
                + protocol + length;
    }

    /**
     * The IPv6 pseudo-header sum (RFC 8200 8.1): the 32 address bytes of the IPv6 header at
     * headerOffset, the upper-layer length and next header. With a routing header the final
     * destination belongs here instead; the caller sums that case itself.
     */
    public static long ipv6PseudoHeaderSum(MemorySegment segment, long headerOffset, int protocol, int length) {
        return sum(segment, headerOffset + Ipv6Header.SOURCE_OFFSET, 32) + (length >>> 16) + (length & 0xFFFF)
                + protocol;
    }

    /** A partial checksum field's value for a pseudo-header sum (folded, not complemented). */
    public static int partial(long pseudoHeaderSum) {
        return fold(pseudoHeaderSum);
    }

    /**
     * Finishes a partial checksum in place, as a NIC with checksum offload would: the length bytes
     * from start (the L4 header on, the partial field included) are summed and the complement is
     * written to the field at fieldOffset. For UDP a result of 0 is written as 0xFFFF.
     */
    public static void finishPartial(MemorySegment segment, long start, int length, long fieldOffset, boolean udp) {
        int checksum = complement(sum(segment, start, length));
        NetworkBytes.setU16(segment, fieldOffset, udp ? udp(checksum) : checksum);
    }

    /** UDP's rule: a computed checksum of 0 is sent as 0xFFFF (0 means none). */
    public static int udp(int checksum) {
        return checksum == 0 ? 0xFFFF : checksum;
    }

    /** A full checksum after a 16-bit word changed from oldWord to newWord. */
    public static int update16(int checksum, int oldWord, int newWord) {
        return ~fold((~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF)) & 0xFFFF;
    }

    /** A full checksum after a 32-bit word changed (an IPv4 address, a sequence number). */
    public static int update32(int checksum, int oldWord, int newWord) {
        return ~fold((~checksum & 0xFFFF) + delta32(oldWord, newWord)) & 0xFFFF;
    }

    /** A full checksum after a 128-bit address changed, words big-endian (o0 the highest). */
    public static int update128(int checksum, int o0, int o1, int o2, int o3, int n0, int n1, int n2, int n3) {
        return ~fold((~checksum & 0xFFFF) + delta128(o0, o1, o2, o3, n0, n1, n2, n3)) & 0xFFFF;
    }

    /** A UDP checksum after a 16-bit word changed: 0 (none, IPv4) stays 0, a result of 0 is sent as 0xFFFF. */
    public static int udpUpdate16(int checksum, int oldWord, int newWord) {
        return checksum == UDP_NO_CHECKSUM ? UDP_NO_CHECKSUM : udp(update16(checksum, oldWord, newWord));
    }

    /** A UDP checksum after an IPv4 address changed, with UDP's rule for 0 (see udpUpdate16). */
    public static int udpUpdate32(int checksum, int oldWord, int newWord) {
        return checksum == UDP_NO_CHECKSUM ? UDP_NO_CHECKSUM : udp(update32(checksum, oldWord, newWord));
    }

    /** A UDP checksum after an IPv6 address changed (a result of 0 is sent as 0xFFFF). */
    public static int udpUpdate128(int checksum, int o0, int o1, int o2, int o3, int n0, int n1, int n2, int n3) {
        return udp(update128(checksum, o0, o1, o2, o3, n0, n1, n2, n3));
    }

    /** A partial field after a 16-bit pseudo-header word changed. */
    public static int partialUpdate16(int partial, int oldWord, int newWord) {
        return fold((partial & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF));
    }

    /** A partial field after an IPv4 address changed. */
    public static int partialUpdate32(int partial, int oldWord, int newWord) {
        return fold((partial & 0xFFFF) + delta32(oldWord, newWord));
    }

    /** A partial field after an IPv6 address changed. */
    public static int partialUpdate128(int partial, int o0, int o1, int o2, int o3, int n0, int n1, int n2, int n3) {
        return fold((partial & 0xFFFF) + delta128(o0, o1, o2, o3, n0, n1, n2, n3));
    }

    /** ~m + m' for a 32-bit word, unfolded. */
    private static long delta32(int oldWord, int newWord) {
        return (~oldWord >>> 16 & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord >>> 16) + (newWord & 0xFFFF);
    }

    private static long delta128(int o0, int o1, int o2, int o3, int n0, int n1, int n2, int n3) {
        return delta32(o0, n0) + delta32(o1, n1) + delta32(o2, n2) + delta32(o3, n3);
    }
}
