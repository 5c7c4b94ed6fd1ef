package io.jlvs.core.sched;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SipHash against published vectors: the 64 SipHash-2-4 vectors of the reference implementation
 * (github.com/veorq/SipHash vectors.h, key 00..0f, messages 00, 00 01, ...), and the 64 vectors the
 * kernel's lib/test_siphash.c publishes for hsiphash on 64-bit kernels (SipHash-1-3, truncated to 32
 * bits), same key and messages.
 */
class SipHashTest {
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    private static final long[] SIPHASH_2_4 = {
        0x726fdb47dd0e0e31L, 0x74f839c593dc67fdL, 0x0d6c8009d9a94f5aL, 0x85676696d7fb7e2dL,
        0xcf2794e0277187b7L, 0x18765564cd99a68dL, 0xcbc9466e58fee3ceL, 0xab0200f58b01d137L,
        0x93f5f5799a932462L, 0x9e0082df0ba9e4b0L, 0x7a5dbbc594ddb9f3L, 0xf4b32f46226bada7L,
        0x751e8fbc860ee5fbL, 0x14ea5627c0843d90L, 0xf723ca908e7af2eeL, 0xa129ca6149be45e5L,
        0x3f2acc7f57c29bdbL, 0x699ae9f52cbe4794L, 0x4bc1b3f0968dd39cL, 0xbb6dc91da77961bdL,
        0xbed65cf21aa2ee98L, 0xd0f2cbb02e3b67c7L, 0x93536795e3a33e88L, 0xa80c038ccd5ccec8L,
        0xb8ad50c6f649af94L, 0xbce192de8a85b8eaL, 0x17d835b85bbb15f3L, 0x2f2e6163076bcfadL,
        0xde4daaaca71dc9a5L, 0xa6a2506687956571L, 0xad87a3535c49ef28L, 0x32d892fad841c342L,
        0x7127512f72f27cceL, 0xa7f32346f95978e3L, 0x12e0b01abb051238L, 0x15e034d40fa197aeL,
        0x314dffbe0815a3b4L, 0x027990f029623981L, 0xcadcd4e59ef40c4dL, 0x9abfd8766a33735cL,
        0x0e3ea96b5304a7d0L, 0xad0c42d6fc585992L, 0x187306c89bc215a9L, 0xd4a60abcf3792b95L,
        0xf935451de4f21df2L, 0xa9538f0419755787L, 0xdb9acddff56ca510L, 0xd06c98cd5c0975ebL,
        0xe612a3cb9ecba951L, 0xc766e62cfcadaf96L, 0xee64435a9752fe72L, 0xa192d576b245165aL,
        0x0a8787bf8ecb74b2L, 0x81b3e73d20b49b6fL, 0x7fa8220ba3b2eceaL, 0x245731c13ca42499L,
        0xb78dbfaf3a8d83bdL, 0xea1ad565322a1a0bL, 0x60e61c23a3795013L, 0x6606d7e446282b93L,
        0x6ca4ecb15c5f91e1L, 0x9f626da15c9625f3L, 0xe51b38608ef25f57L, 0x958a324ceb064572L,
    };

    private static final int[] HSIPHASH_64BIT = {
        0x050fc4dc, 0x7d57ca93, 0x4dc7d44d, 0xe7ddf7fb, 0x88d38328, 0x49533b67, 0xc59f22a7, 0x9bb11140,
        0x8d299a8e, 0x6c063de4, 0x92ff097f, 0xf94dc352, 0x57b4d9a2, 0x1229ffa7, 0xc0f95d34, 0x2a519956,
        0x7d908b66, 0x63dbd80c, 0xb473e63e, 0x8d297d1c, 0xa6cce040, 0x2b45f844, 0xa320872e, 0xdae6c123,
        0x67349c8c, 0x705b0979, 0xca9913a5, 0x4ade3b35, 0xef6cd00d, 0x4ab1e1f4, 0x43c5e663, 0x8c21d1bc,
        0x16a7b60d, 0x7a8ff9bf, 0x1f2a753e, 0xbf186b91, 0xada26206, 0xa3c33057, 0xae3a36a1, 0x7b108392,
        0x99e41531, 0x3f1ad944, 0xc8138825, 0xc28949a6, 0xfaf8876b, 0x9f042196, 0x68b1d623, 0x8b5114fd,
        0xdf074c46, 0x12cc86b3, 0x0a52098f, 0x9d292f9a, 0xa2f41f12, 0x43a71ed0, 0x73f0bce6, 0x70a7e980,
        0x243c6d75, 0xfdb71513, 0xa67d8a08, 0xb7e8f148, 0xf7a644ee, 0x0f1837f2, 0x4b6694e0, 0xb7bbb3a8,
    };

    private static byte[] message(int length) {
        byte[] m = new byte[length + 3];
        for (int i = 0; i < length; i++) {
            m[i + 3] = (byte) i; // at an odd offset, to exercise offset handling
        }
        return m;
    }

    @Test
    void sipHash24MatchesTheReferenceVectors() {
        for (int length = 0; length < 64; length++) {
            assertEquals(SIPHASH_2_4[length], SipHash.sipHash24(K0, K1, message(length), 3, length),
                    "length " + length);
        }
    }

    @Test
    void hsipHashMatchesTheKernelsSixtyFourBitVectors() {
        for (int length = 0; length < 64; length++) {
            assertEquals(HSIPHASH_64BIT[length], SipHash.hsipHash(K0, K1, message(length), 3, length),
                    "length " + length);
        }
    }

    @Test
    void theOneWordFastPathEqualsHashingFourLittleEndianBytes() {
        // Message 00 01 02 03 is the u32 0x03020100 in memory on a little-endian CPU: vector 4.
        assertEquals(HSIPHASH_64BIT[4], SipHash.hsipHashU32(K0, K1, 0x03020100));
        // With mh's hash1 key, hsiphash of the u32 0x0A000001 + 80 (10.0.0.1 port 80) is 0x439c0cbe,
        // computed by src/test/python/hash_vectors.py.
        assertEquals(0x439c0cbe, SipHash.hsipHashU32(2654435761L, 2654435761L, 0x0A000001 + 80));
        for (int v : new int[] {0, 1, 0x80000000, -1, 0x12345678}) {
            byte[] le = {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
            assertEquals(SipHash.hsipHash(3, 5, le, 0, 4), SipHash.hsipHashU32(3, 5, v));
        }
    }
}
