package io.jlvs.core.sched;

/**
 * SipHash-c-d with a 128-bit key and 64-bit output (Aumasson and Bernstein), and the kernel's
 * hsiphash as built on 64-bit kernels.
 *
 * <p>lib/siphash.c makes hsiphash SipHash-1-3 on 64-bit kernels (HalfSipHash-1-3 only on 32-bit
 * ones): the key is two 64-bit words, the message is read little-endian, and the 64-bit result is
 * truncated to its low 32 bits. The key words are k0 = key[0] and k1 = key[1] as the kernel's
 * hsiphash_key_t holds them (unsigned long), i.e. the little-endian reading of key bytes 0..7 and
 * 8..15 of the reference implementation.
 */
public final class SipHash {
    private static final long C0 = 0x736f6d6570736575L;
    private static final long C1 = 0x646f72616e646f6dL;
    private static final long C2 = 0x6c7967656e657261L;
    private static final long C3 = 0x7465646279746573L;

    private SipHash() {
    }

    /** SipHash-2-4 of data[offset, offset + length), the secure PRF (the kernel's siphash). */
    public static long sipHash24(long k0, long k1, byte[] data, int offset, int length) {
        return sipHash(2, 4, k0, k1, data, offset, length);
    }

    /** SipHash-1-3 of data[offset, offset + length). */
    public static long sipHash13(long k0, long k1, byte[] data, int offset, int length) {
        return sipHash(1, 3, k0, k1, data, offset, length);
    }

    /** The kernel's hsiphash(data, length, key) on a 64-bit kernel. */
    public static int hsipHash(long k0, long k1, byte[] data, int offset, int length) {
        return (int) sipHash13(k0, k1, data, offset, length);
    }

    /**
     * hsiphash of one u32 held in memory, as hsiphash(&amp;v, sizeof(v), key) on a little-endian
     * CPU (and hsiphash_1u32(v, key)): allocation-free for the data path.
     */
    public static int hsipHashU32(long k0, long k1, int value) {
        long v0 = C0 ^ k0;
        long v1 = C1 ^ k1;
        long v2 = C2 ^ k0;
        long v3 = C3 ^ k1;
        long b = (4L << 56) | Integer.toUnsignedLong(value);
        // SipHash-1-3: one compression round on the final block, three finalization rounds.
        v3 ^= b;
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        v0 ^= b;
        v2 ^= 0xff;
        for (int r = 0; r < 3; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return (int) (v0 ^ v1 ^ v2 ^ v3);
    }

    /** SipHash with c compression rounds and d finalization rounds. */
    static long sipHash(int c, int d, long k0, long k1, byte[] data, int offset, int length) {
        long v0 = C0 ^ k0;
        long v1 = C1 ^ k1;
        long v2 = C2 ^ k0;
        long v3 = C3 ^ k1;
        int blocks = length / 8;
        long last = (long) length << 56;
        for (int i = 0; i < length % 8; i++) {
            last |= (data[offset + blocks * 8 + i] & 0xFFL) << (8 * i);
        }
        // The full blocks, then the final block (the tail and the length byte), each compressed.
        for (int block = 0; block <= blocks; block++) {
            long m = block < blocks ? littleEndianLong(data, offset + block * 8) : last;
            v3 ^= m;
            for (int r = 0; r < c; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < d; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long littleEndianLong(byte[] data, int at) {
        long m = 0;
        for (int i = 7; i >= 0; i--) {
            m = (m << 8) | (data[at + i] & 0xFFL);
        }
        return m;
    }
}
