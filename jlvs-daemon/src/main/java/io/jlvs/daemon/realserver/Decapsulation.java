package io.jlvs.daemon.realserver;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The real server's end of an LVS tunnel, per packet: finds the inner packet of an IPIP (IPv4 in
 * IP, protocol 4) or IPv6-in-IP (protocol 41) packet and accepts it only when it is addressed to
 * one of the VIPs. No allocation; the counts of dropped packets are kept by {@link Drop}.
 *
 * <p>What a raw socket hands over: on AF_INET the whole packet, outer IPv4 header first; on AF_INET6
 * only the payload (the kernel strips the IPv6 header), so the inner packet starts at 0.
 *
 * <pre>
 *  outer IPv4 header (RFC 791)                 inner IPv4 header            inner IPv6 header
 *  0       4       8               16      32  0    4      ...  16     20   0    4  ...  8      24     40
 *  +-------+-------+---------------+           +----+--------  -+------+    +----+----  -+------+------+
 *  |version| IHL   | ...           |           |ver |  ...       | dst  |    |ver | ...  | src  | dst  |
 *  +-------+-------+---+-----------+           +----+--------  -+------+    +----+----  -+------+------+
 *  byte 9: protocol (4 IPIP, 41 IPv6)          dst at byte 16 (4 bytes)     dst at byte 24 (16 bytes)
 * </pre>
 */
final class Decapsulation {
    /** Why a packet was not passed on; the ordinal indexes the counters. */
    enum Drop {
        /** Shorter than the headers it claims. */
        TRUNCATED,
        /** The outer header is not IPv4, or carries neither IPv4 nor IPv6. */
        NOT_A_TUNNEL_PACKET,
        /** The inner packet's version is not the one the outer protocol number names. */
        INNER_VERSION_MISMATCH,
        /** The inner destination is not one of the VIPs. */
        NOT_FOR_A_VIP,
        /** The TUN device refused the inner packet. */
        REFUSED_BY_DEVICE
    }

    static final int PROTOCOL_IPIP = 4;
    static final int PROTOCOL_IPV6 = 41;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int IPV4_PROTOCOL_OFFSET = 9;
    private static final int IPV4_DESTINATION_OFFSET = 16;
    private static final int IPV6_DESTINATION_OFFSET = 24;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private final VipSet vips;
    private final long[] drops = new long[Drop.values().length];

    Decapsulation(VipSet vips) {
        this.vips = vips;
    }

    /**
     * The offset of the inner packet of a whole IPv4 packet (outer header included, as an AF_INET
     * raw socket hands it over), or -1 when it is dropped (and counted).
     */
    long innerOfIpv4(MemorySegment buffer, int length) {
        if (length < IPV4_MIN_HEADER) {
            return drop(Drop.TRUNCATED);
        }
        int versionAndLength = buffer.get(BYTE, 0) & 0xff;
        int headerLength = (versionAndLength & 0x0f) * 4;
        if (versionAndLength >>> 4 != 4 || headerLength < IPV4_MIN_HEADER) {
            return drop(Drop.NOT_A_TUNNEL_PACKET);
        }
        if (length < headerLength) {
            return drop(Drop.TRUNCATED);
        }
        return inner(buffer, headerLength, length, buffer.get(BYTE, IPV4_PROTOCOL_OFFSET) & 0xff);
    }

    /**
     * The offset of the inner packet (0) of an IPv6 payload of protocol outerProtocol (as an AF_INET6
     * raw socket hands it over), or -1 when it is dropped (and counted).
     */
    long innerOfIpv6Payload(MemorySegment buffer, int length, int outerProtocol) {
        return inner(buffer, 0, length, outerProtocol);
    }

    private long inner(MemorySegment buffer, int offset, int length, int protocol) {
        boolean ipv4 = protocol == PROTOCOL_IPIP;
        if (!ipv4 && protocol != PROTOCOL_IPV6) {
            return drop(Drop.NOT_A_TUNNEL_PACKET);
        }
        int innerLength = length - offset;
        if (innerLength < 1) {
            return drop(Drop.TRUNCATED);
        }
        if ((buffer.get(BYTE, offset) & 0xff) >>> 4 != (ipv4 ? 4 : 6)) {
            return drop(Drop.INNER_VERSION_MISMATCH);
        }
        if (innerLength < (ipv4 ? IPV4_MIN_HEADER : IPV6_HEADER)) {
            return drop(Drop.TRUNCATED);
        }
        boolean forVip = ipv4 ? vips.containsIpv4(buffer, offset + IPV4_DESTINATION_OFFSET)
                : vips.containsIpv6(buffer, offset + IPV6_DESTINATION_OFFSET);
        return forVip ? offset : drop(Drop.NOT_FOR_A_VIP);
    }

    /** Counts a packet the TUN device refused. */
    void refusedByDevice() {
        drops[Drop.REFUSED_BY_DEVICE.ordinal()]++;
    }

    private long drop(Drop reason) {
        drops[reason.ordinal()]++;
        return -1;
    }

    /** How many packets were dropped for reason. */
    long drops(Drop reason) {
        return drops[reason.ordinal()];
    }
}
