package io.jlvs.director;

import io.jlvs.packet.Checksums;
import io.jlvs.packet.EthernetHeader;
import io.jlvs.packet.IcmpHeader;
import io.jlvs.packet.Icmpv6Header;
import io.jlvs.packet.IpProtocol;
import io.jlvs.packet.Ipv4Header;
import io.jlvs.packet.Ipv6Header;
import io.jlvs.packet.io.FrameOffload;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Tells a client that its packet does not fit the path (what the kernel's ip_vs_tunnel_xmit does
 * when the 20 bytes of IPIP push a DF packet past the MTU): an ICMP fragmentation-needed, or an
 * ICMPv6 packet-too-big, from the address the packet was sent to (the VIP) back to its source,
 * quoting the packet as RFC 792 and RFC 4443 ask, built in a buffer of its own and sent through
 * {@link Egress}. Allocates nothing per packet.
 */
final class TooBigReply {
    /** RFC 1812 4.3.2.3: at most 576 bytes of ICMP error in all. */
    private static final int IPV4_ERROR_MAX = 576;
    /** RFC 4443 2.4 (c): at most the minimum IPv6 MTU. */
    private static final int IPV6_ERROR_MAX = 1280;
    private static final int TTL = 64;

    private final MemorySegment buffer;
    private final Egress egress;
    private final EthernetHeader ethernet = new EthernetHeader();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final IcmpHeader icmp = new IcmpHeader();
    private final Icmpv6Header icmpv6 = new Icmpv6Header();
    private final FrameOffload plain = new FrameOffload();

    TooBigReply(Arena arena, Egress egress) {
        this.buffer = arena.allocate(64 + IPV6_ERROR_MAX);
        this.egress = egress;
    }

    /** Sends the error for the current frame, announcing mtu as the path's MTU. */
    void send(CurrentFrame frame, int mtu) {
        int l2 = frame.l2Length();
        MemorySegment.copy(frame.segment, frame.offset, buffer, 0, l2);
        long l3 = frame.parsed.l3Offset();
        int length = frame.family() == 4 ? ipv4Error(frame, l2, l3, mtu) : ipv6Error(frame, l2, l3, mtu);
        ethernet.wrap(buffer, 0).etherType(frame.family() == 4 ? EthernetHeader.TYPE_IPV4 : EthernetHeader.TYPE_IPV6);
        if (frame.family() == 4) {
            int client = ipv4.wrap(buffer, l2).destination();
            egress.send(buffer, 0, l2 + length, plain, l2, Egress.NO_FIXUP, Egress.ICMP_ERROR, 4, client, 0, 0, 0,
                    frame.now);
        } else {
            ipv6.wrap(buffer, l2);
            egress.send(buffer, 0, l2 + length, plain, l2, Egress.NO_FIXUP, Egress.ICMP_ERROR, 6,
                    ipv6.destination(0), ipv6.destination(1), ipv6.destination(2), ipv6.destination(3), frame.now);
        }
    }

    private int ipv4Error(CurrentFrame frame, int l2, long l3, int mtu) {
        Ipv4Header original = frame.parsed.ipv4();
        int quoted = Math.min(frame.ipLength(), IPV4_ERROR_MAX - Ipv4Header.MIN_LENGTH - IcmpHeader.LENGTH);
        long icmpAt = l2 + Ipv4Header.MIN_LENGTH;
        MemorySegment.copy(frame.segment, l3, buffer, icmpAt + IcmpHeader.LENGTH, quoted);
        int total = Ipv4Header.MIN_LENGTH + IcmpHeader.LENGTH + quoted;
        icmp.wrap(buffer, icmpAt).type(IcmpHeader.DESTINATION_UNREACHABLE).code(IcmpHeader.CODE_FRAGMENTATION_NEEDED)
                .rest(0).mtu(mtu).updateChecksum(IcmpHeader.LENGTH + quoted);
        ipv4.wrap(buffer, l2).versionAndHeaderLength(Ipv4Header.MIN_LENGTH).tos(0).totalLength(total)
                .identification(0).fragmentWord(0).ttl(TTL).protocol(IpProtocol.ICMP)
                .source(original.destination()).destination(original.source()).checksum(0).updateChecksum();
        return total;
    }

    private int ipv6Error(CurrentFrame frame, int l2, long l3, int mtu) {
        Ipv6Header original = frame.parsed.ipv6();
        int quoted = Math.min(frame.ipLength(), IPV6_ERROR_MAX - Ipv6Header.LENGTH - Icmpv6Header.LENGTH);
        long icmpAt = l2 + Ipv6Header.LENGTH;
        MemorySegment.copy(frame.segment, l3, buffer, icmpAt + Icmpv6Header.LENGTH, quoted);
        int payload = Icmpv6Header.LENGTH + quoted;
        ipv6.wrap(buffer, l2).versionClassFlow(0, 0).payloadLength(payload).nextHeader(IpProtocol.ICMPV6).hopLimit(TTL)
                .source(original.destination(0), original.destination(1), original.destination(2),
                        original.destination(3))
                .destination(original.source(0), original.source(1), original.source(2), original.source(3));
        icmpv6.wrap(buffer, icmpAt).type(Icmpv6Header.PACKET_TOO_BIG).code(0).checksum(0).mtu(mtu);
        long sum = Checksums.ipv6PseudoHeaderSum(buffer, l2, IpProtocol.ICMPV6, payload)
                + Checksums.sum(buffer, icmpAt, payload);
        icmpv6.checksum(Checksums.complement(sum));
        return Ipv6Header.LENGTH + payload;
    }
}
