package io.jlvs.packet;

import io.jlvs.testkit.Seeds;

import java.util.random.RandomGenerator;

/** Seeded random header values as the builder takes them (addresses as text, ports, flags). */
final class RandomHeaders {
    final RandomGenerator random;

    RandomHeaders(long defaultSeed) {
        long seed = Seeds.seed(defaultSeed);
        System.out.println(getClass().getSimpleName() + " seed " + seed + " (JLVS_TEST_SEED replays it)");
        this.random = Seeds.random(seed);
    }

    String mac() {
        // Unicast, locally administered, like the test networks use.
        long value = random.nextLong() & 0xFCFF_FFFF_FFFFL | 0x0200_0000_0000L;
        StringBuilder text = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            text.append(String.format("%02x", value >>> shift & 0xFF)).append(shift > 0 ? ":" : "");
        }
        return text.toString();
    }

    String ipv4() {
        int value = random.nextInt();
        return (value >>> 24) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }

    String ipv6() {
        StringBuilder text = new StringBuilder();
        for (int group = 0; group < 8; group++) {
            // Runs of zeros now and then, so the text forms with "::" are covered too.
            int value = random.nextInt(4) == 0 ? 0 : random.nextInt(0x10000);
            text.append(Integer.toHexString(value)).append(group < 7 ? ":" : "");
        }
        return text.toString();
    }

    int port() {
        return random.nextInt(0x10000);
    }

    int u8() {
        return random.nextInt(0x100);
    }

    int u16() {
        return random.nextInt(0x10000);
    }

    int u32() {
        return random.nextInt();
    }

    byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    boolean flip() {
        return random.nextBoolean();
    }
}
