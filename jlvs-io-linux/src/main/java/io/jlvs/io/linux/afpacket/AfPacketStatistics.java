package io.jlvs.io.linux.afpacket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A port's counts from the kernel (struct tpacket_stats_v3: tp_packets, tp_drops,
 * tp_freeze_q_cnt, three unsigned ints), since the previous reading.
 *
 * @param frames          frames the socket took (dropped ones included)
 * @param dropped         frames lost because the receive ring was full
 * @param queueFreezes    times the ring was found full
 */
public record AfPacketStatistics(long frames, long dropped, long queueFreezes) {
    /** sizeof(struct tpacket_stats_v3). */
    static final int BYTES = 12;

    static AfPacketStatistics read(MemorySegment stats) {
        return new AfPacketStatistics(Integer.toUnsignedLong(stats.get(ValueLayout.JAVA_INT, 0)),
                Integer.toUnsignedLong(stats.get(ValueLayout.JAVA_INT, 4)),
                Integer.toUnsignedLong(stats.get(ValueLayout.JAVA_INT, 8)));
    }
}
