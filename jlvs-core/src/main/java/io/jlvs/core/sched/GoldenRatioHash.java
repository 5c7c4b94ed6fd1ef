package io.jlvs.core.sched;

import io.jlvs.core.model.AddressFamily;

/**
 * The kernel's multiplicative hash (include/linux/hash.h hash_32) and the address fold the hashing
 * schedulers feed it.
 *
 * <p>Every caller here hashes ntohl(addr): the kernel converts to host order before hashing, so our
 * big-endian words are exactly what it sees and no byte swapping is needed.
 */
final class GoldenRatioHash {
    /** GOLDEN_RATIO_32. */
    static final int GOLDEN_RATIO_32 = 0x61C88647;

    private GoldenRatioHash() {
    }

    /** hash_32(value, bits): the top bits of the 32-bit product (bits in 1..32). */
    static int hash32(int value, int bits) {
        return (value * GOLDEN_RATIO_32) >>> (32 - bits);
    }

    /**
     * The kernel's addr_fold: the IPv4 word, or the xor of the four words of an IPv6 address. The
     * family is the service's (svc->af), as in the kernel. Xor commutes with byte swapping, so
     * folding host-order words gives ntohl(fold of network-order words).
     */
    static int fold(AddressFamily serviceFamily, int w0, int w1, int w2, int w3) {
        return serviceFamily == AddressFamily.INET6 ? w0 ^ w1 ^ w2 ^ w3 : w0;
    }
}
