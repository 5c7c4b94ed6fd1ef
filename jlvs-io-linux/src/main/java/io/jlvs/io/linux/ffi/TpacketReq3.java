package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code struct tpacket_req3} of &lt;linux/if_packet.h&gt;, the shape of a TPACKET_V3 ring
 * (PACKET_RX_RING, PACKET_TX_RING): seven unsigned ints.
 *
 * <pre>
 *  0            4          8            12          16                20              24                   28
 *  +------------+----------+------------+-----------+-----------------+---------------+--------------------+
 *  | block_size | block_nr | frame_size | frame_nr  | retire_blk_tov  | sizeof_priv   | feature_req_word   |
 *  +------------+----------+------------+-----------+-----------------+---------------+--------------------+
 * </pre>
 */
public final class TpacketReq3 {
    /** sizeof(struct tpacket_req3). */
    public static final int BYTES = 28;

    private TpacketReq3() {
    }

    /**
     * A filled request; the retire timeout (ms) only for a receive ring, where the kernel hands a
     * block that is not full over after it.
     */
    public static MemorySegment allocate(Arena arena, int blockSize, int blockCount, int frameSize, int frameCount,
            int retireTimeoutMillis) {
        MemorySegment req = arena.allocate(BYTES, 4);
        req.set(ValueLayout.JAVA_INT, 0, blockSize);
        req.set(ValueLayout.JAVA_INT, 4, blockCount);
        req.set(ValueLayout.JAVA_INT, 8, frameSize);
        req.set(ValueLayout.JAVA_INT, 12, frameCount);
        req.set(ValueLayout.JAVA_INT, 16, retireTimeoutMillis);
        return req;
    }
}
