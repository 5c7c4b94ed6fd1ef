package io.jlvs.packet;

import java.lang.foreign.MemorySegment;

/**
 * IP-in-IP tunnelling (IPVS's TUN method): writes an outer header in the headroom in front of an
 * IP packet. Protocol 4 carries IPv4 (IPIP), 41 carries IPv6 (in IPv4 or in IPv6). The caller
 * leaves {@link Ipv4Header#MIN_LENGTH} or {@link Ipv6Header#LENGTH} bytes free before the packet
 * and then moves the Ethernet header in front of the returned offset.
 */
public final class IpEncapsulation {
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();

    /** The outer protocol number for an inner packet of IP version innerVersion (4 or 6). */
    public static int protocolFor(int innerVersion) {
        return innerVersion == 6 ? IpProtocol.IPV6 : IpProtocol.IPIP;
    }

    /**
     * Writes a 20-byte IPv4 header ending at innerOffset around innerLength bytes of packet, with
     * a correct header checksum; returns where the outer header starts.
     *
     * @param innerVersion 4 or 6, selecting protocol 4 or 41
     * @param dontFragment the DF bit (copied from the inner packet by IPVS)
     */
    public long encapsulateInIpv4(MemorySegment segment, long innerOffset, int innerLength, int innerVersion,
                                  int source, int destination, int ttl, int identification, boolean dontFragment) {
        long outer = innerOffset - Ipv4Header.MIN_LENGTH;
        ipv4.wrap(segment, outer)
                .versionAndHeaderLength(Ipv4Header.MIN_LENGTH)
                .tos(0)
                .totalLength(innerLength + Ipv4Header.MIN_LENGTH)
                .identification(identification)
                .fragmentWord(dontFragment ? Ipv4Header.FLAG_DF : 0)
                .ttl(ttl)
                .protocol(protocolFor(innerVersion))
                .source(source)
                .destination(destination)
                .checksum(0)
                .updateChecksum();
        return outer;
    }

    /**
     * Writes a 40-byte IPv6 header ending at innerOffset around innerLength bytes of packet;
     * returns where the outer header starts. Addresses are four big-endian words each (arrays the
     * caller keeps, read only).
     */
    public long encapsulateInIpv6(MemorySegment segment, long innerOffset, int innerLength, int innerVersion,
                                  int[] source, int[] destination, int hopLimit) {
        long outer = innerOffset - Ipv6Header.LENGTH;
        ipv6.wrap(segment, outer)
                .versionClassFlow(0, 0)
                .payloadLength(innerLength)
                .nextHeader(protocolFor(innerVersion))
                .hopLimit(hopLimit)
                .source(source[0], source[1], source[2], source[3])
                .destination(destination[0], destination[1], destination[2], destination[3]);
        return outer;
    }
}
