package io.jlvs.daemon.realserver;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The VIPs of a real server as plain arrays, for the per-packet question "is this destination one
 * of them?" asked straight on a packet buffer (a few VIPs: a scan beats a hash).
 */
final class VipSet {
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final int[] ipv4;
    /** Each IPv6 VIP as two longs: its high half, then its low half. */
    private final long[] ipv6;

    VipSet(List<InetAddress> vips) {
        ipv4 = vips.stream().filter(Inet4Address.class::isInstance)
                .mapToInt(vip -> MemorySegment.ofArray(vip.getAddress()).get(INT_BE, 0)).toArray();
        ipv6 = vips.stream().filter(Inet6Address.class::isInstance)
                .flatMapToLong(vip -> {
                    MemorySegment bytes = MemorySegment.ofArray(vip.getAddress());
                    return java.util.stream.LongStream.of(bytes.get(LONG_BE, 0), bytes.get(LONG_BE, 8));
                }).toArray();
    }

    boolean hasIpv4() {
        return ipv4.length > 0;
    }

    boolean hasIpv6() {
        return ipv6.length > 0;
    }

    /** Whether the 4 bytes at offset are an IPv4 VIP. */
    boolean containsIpv4(MemorySegment buffer, long offset) {
        int address = buffer.get(INT_BE, offset);
        for (int vip : ipv4) {
            if (vip == address) {
                return true;
            }
        }
        return false;
    }

    /** Whether the 16 bytes at offset are an IPv6 VIP. */
    boolean containsIpv6(MemorySegment buffer, long offset) {
        long high = buffer.get(LONG_BE, offset);
        long low = buffer.get(LONG_BE, offset + 8);
        for (int i = 0; i < ipv6.length; i += 2) {
            if (ipv6[i] == high && ipv6[i + 1] == low) {
                return true;
            }
        }
        return false;
    }
}
