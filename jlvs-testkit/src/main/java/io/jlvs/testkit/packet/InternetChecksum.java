package io.jlvs.testkit.packet;

/**
 * The Internet checksum the plain way, 16 bits at a time over byte arrays: the test side's own
 * implementation, kept apart from jlvs-packet's so each checks the other.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** The unfolded sum of length bytes from offset (an odd last byte pads with 0). */
    public static long sum(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = bytes[offset + i] & 0xFF;
            int low = i + 1 < length ? bytes[offset + i + 1] & 0xFF : 0;
            sum += high << 8 | low;
        }
        return sum;
    }

    /** Folds to 16 bits with end-around carry. */
    public static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field for a sum: its fold complemented. */
    public static int complement(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The pseudo-header sum: both addresses (4 or 16 bytes each), protocol and length. */
    public static long pseudoHeaderSum(byte[] source, byte[] destination, int protocol, int length) {
        return sum(source, 0, source.length) + sum(destination, 0, destination.length) + protocol
                + (length >>> 16) + (length & 0xFFFF);
    }
}
