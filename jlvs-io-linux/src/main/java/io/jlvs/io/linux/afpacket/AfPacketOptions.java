package io.jlvs.io.linux.afpacket;

/**
 * The shape of an {@link AfPacketPort}'s rings.
 *
 * @param receiveBlockBytes   bytes per receive block: a power of two of at least 128 KiB, so a 64 KiB
 *                            GSO frame with its headers always fits in one block whole
 * @param receiveBlocks       receive blocks (at least 2): the ring holds receiveBlockBytes x receiveBlocks
 * @param retireTimeoutMillis how long the kernel fills a block before handing it over unfilled
 *                            (1 to 1000): the most a frame waits in the ring when traffic is light
 * @param transmitBlocks      transmit blocks of {@link AfPacketPort#TRANSMIT_BLOCK_BYTES}, each
 *                            holding {@link AfPacketPort#TRANSMIT_SLOTS_PER_BLOCK} frames of up to 64 KiB
 */
public record AfPacketOptions(int receiveBlockBytes, int receiveBlocks, int retireTimeoutMillis, int transmitBlocks) {
    /** 8 MiB of receive ring in 256 KiB blocks, 1 ms retire timeout, 60 transmit slots (4 MiB). */
    public static final AfPacketOptions DEFAULTS = new AfPacketOptions(256 << 10, 32, 1, 4);

    private static final int MIN_BLOCK = 128 << 10;
    private static final int MAX_BLOCK = 16 << 20;

    public AfPacketOptions {
        if (Integer.bitCount(receiveBlockBytes) != 1 || receiveBlockBytes < MIN_BLOCK || receiveBlockBytes > MAX_BLOCK) {
            throw new IllegalArgumentException("receive blocks must be a power of two from 128 KiB to 16 MiB (so a 64"
                    + " KiB frame fits), not " + receiveBlockBytes + " bytes");
        }
        if (receiveBlocks < 2 || (long) receiveBlocks * receiveBlockBytes > 1L << 30) {
            throw new IllegalArgumentException("a receive ring needs 2 blocks or more and at most 1 GiB, not "
                    + receiveBlocks + " blocks of " + receiveBlockBytes + " bytes");
        }
        if (retireTimeoutMillis < 1 || retireTimeoutMillis > 1000) {
            throw new IllegalArgumentException("the retire timeout is 1 to 1000 ms, not " + retireTimeoutMillis);
        }
        if (transmitBlocks < 1 || transmitBlocks > 256) {
            throw new IllegalArgumentException("a transmit ring has 1 to 256 blocks, not " + transmitBlocks);
        }
    }
}
