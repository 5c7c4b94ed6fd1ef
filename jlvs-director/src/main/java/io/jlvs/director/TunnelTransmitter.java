package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.packet.Checksums;
import io.jlvs.packet.EthernetHeader;
import io.jlvs.packet.IpEncapsulation;
import io.jlvs.packet.IpProtocol;
import io.jlvs.packet.Ipv4Header;
import io.jlvs.packet.Ipv6Header;
import io.jlvs.packet.TcpHeader;
import io.jlvs.packet.io.FrameOffload;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * TUN (ipvsadm -i, ip_vs_tunnel_xmit): the packet, unchanged, goes inside an outer IP header
 * from the director to the real server (IPIP, protocol 4, or protocol 41 for IPv6 inside); the
 * real server unwraps it, finds the VIP on its own interface and answers the client directly.
 * The outer header's 20 (or 40) bytes can push a packet past the MTU: with DF set (always, for
 * IPv6) the client gets a fragmentation-needed / packet-too-big naming the smaller MTU, as the
 * kernel sends, and the packet is dropped (counted TOO_BIG). A partial checksum is finished here
 * (the real server's end of the tunnel cannot know it was left for offload); a TCP GSO train (a client's TSO over veth) is cut into its
 * segments here, since the kernel cannot be asked to segment inside a tunnel; a UDP one is dropped,
 * counted UNSUPPORTED_OFFLOAD.
 */
final class TunnelTransmitter implements Transmitter {
    private static final int TTL = 64;
    private static final int SLOT = 65_536 + 128;

    private final ConnectionTable table;
    private final Egress egress;
    private final TooBigReply tooBig;
    private final ForwardingCounters counters;
    private final int mtu;
    private final MemorySegment buffer;
    private final IpEncapsulation encapsulation = new IpEncapsulation();
    private final EthernetHeader ethernet = new EthernetHeader();
    private final FrameOffload offload = new FrameOffload();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final TcpHeader tcp = new TcpHeader();
    private final int[] source = new int[4];
    private final int[] destination = new int[4];
    private int identification;

    /** @param mtu the smallest MTU of the director's interfaces (the outer packet must fit it) */
    TunnelTransmitter(Arena arena, ConnectionTable table, Egress egress, TooBigReply tooBig,
                      ForwardingCounters counters, int mtu) {
        this.buffer = arena.allocate(SLOT);
        this.table = table;
        this.egress = egress;
        this.tooBig = tooBig;
        this.counters = counters;
        this.mtu = mtu;
    }

    @Override
    public void toRealServer(CurrentFrame frame, int slot) {
        int gso = frame.offload.gsoType() & ~FrameOffload.GSO_ECN;
        if (gso == FrameOffload.GSO_NONE) {
            int l2 = frame.l2Length();
            int outer = outerLength(slot);
            int inner = frame.ipLength();
            if (!fits(frame, inner, outer)) {
                return;
            }
            MemorySegment.copy(frame.segment, frame.offset, buffer, 0, l2);
            MemorySegment.copy(frame.segment, frame.parsed.l3Offset(), buffer, l2 + outer, inner);
            offload.clear();
            if (frame.offload.needsChecksum()) {
                // Finished here: a real server's decapsulator (a raw socket, or a NIC's tunnel end)
                // cannot know that the inner checksum was left for offload.
                long start = frame.offload.checksumStart() + outer;
                Checksums.finishPartial(buffer, start, (int) (l2 + outer + inner - start),
                        start + frame.offload.checksumOffset(), frame.parsed.l4Protocol() == IpProtocol.UDP);
            }
            encapsulateAndSend(frame, slot, inner, offload);
            return;
        }
        if ((gso == FrameOffload.GSO_TCPV4 || gso == FrameOffload.GSO_TCPV6)
                && frame.parsed.l4Protocol() == IpProtocol.TCP && frame.offload.gsoSize() > 0) {
            segments(frame, slot);
            return;
        }
        counters.drop(DropReason.UNSUPPORTED_OFFLOAD);
    }

    private int outerLength(int slot) {
        return table.destination(slot).family() == AddressFamily.INET6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
    }

    /**
     * Whether an inner packet of this length still fits the MTU inside the tunnel; if not, the
     * client is told (DF set, always for IPv6) and the packet is counted TOO_BIG.
     */
    private boolean fits(CurrentFrame frame, int inner, int outer) {
        if (inner + outer <= mtu) {
            return true;
        }
        if (dontFragment(frame)) {
            tooBig.send(frame, mtu - outer);
        }
        counters.drop(DropReason.TOO_BIG);
        return false;
    }

    private static boolean dontFragment(CurrentFrame frame) {
        return frame.family() == 6 || frame.parsed.ipv4().dontFragment();
    }

    /**
     * A GSO train cannot be described to the kernel inside a tunnel, so it is cut here, as the
     * kernel's GSO would cut it: one TCP segment of gsoSize payload bytes after another, each with
     * the headers repeated, its sequence number, IPv4 identification and lengths set, FIN and PSH on
     * the last only, CWR on the first only, and its checksums computed in full.
     */
    private void segments(CurrentFrame frame, int slot) {
        int l2 = frame.l2Length();
        int outer = outerLength(slot);
        long l3 = frame.parsed.l3Offset();
        int ipHeader = (int) (frame.parsed.l4Offset() - l3);
        TcpHeader original = frame.parsed.tcp();
        int tcpHeader = original.headerLength();
        int headers = ipHeader + tcpHeader;
        int payload = frame.ipLength() - headers;
        int mss = frame.offload.gsoSize();
        if (!fits(frame, headers + Math.min(mss, payload), outer)) {
            return;
        }
        int sequence = original.sequence();
        int flags = original.flags();
        int firstIdentification = frame.family() == 4 ? frame.parsed.ipv4().identification() : 0;
        offload.clear();
        for (int done = 0, i = 0; done < payload || i == 0; done += mss, i++) {
            int chunk = Math.min(mss, payload - done);
            boolean last = done + chunk >= payload;
            long at = l2 + outer;
            MemorySegment.copy(frame.segment, frame.offset, buffer, 0, l2);
            MemorySegment.copy(frame.segment, l3, buffer, at, headers);
            MemorySegment.copy(frame.segment, l3 + headers + done, buffer, at + headers, chunk);
            int length = headers + chunk;
            long sum;
            if (frame.family() == 4) {
                ipv4.wrap(buffer, at).totalLength(length).identification((firstIdentification + i) & 0xFFFF).checksum(0)
                        .updateChecksum();
                sum = Checksums.ipv4PseudoHeaderSum(ipv4.source(), ipv4.destination(), IpProtocol.TCP,
                        length - ipHeader);
            } else {
                ipv6.wrap(buffer, at).payloadLength(length - Ipv6Header.LENGTH);
                sum = Checksums.ipv6PseudoHeaderSum(buffer, at, IpProtocol.TCP, length - ipHeader);
            }
            int segmentFlags = flags;
            if (!last) {
                segmentFlags &= ~(TcpHeader.FIN | TcpHeader.PSH);
            }
            if (i > 0) {
                segmentFlags &= ~TcpHeader.CWR;
            }
            tcp.wrap(buffer, at + ipHeader).sequence(sequence + done).flags(segmentFlags).checksum(0);
            sum += Checksums.sum(buffer, at + ipHeader, length - ipHeader);
            tcp.checksum(Checksums.complement(sum));
            encapsulateAndSend(frame, slot, length, offload);
            if (last) {
                break;
            }
        }
    }

    /** Wraps the inner packet at buffer[l2 + outer] in the outer header and sends it to the real server. */
    private void encapsulateAndSend(CurrentFrame frame, int slot, int inner, FrameOffload innerOffload) {
        int l2 = frame.l2Length();
        boolean outerIpv6 = table.destination(slot).family() == AddressFamily.INET6;
        int outer = outerIpv6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
        for (int i = 0; i < 4; i++) {
            destination[i] = table.destinationWord(slot, i);
        }
        if (outerIpv6) {
            encapsulation.encapsulateInIpv6(buffer, l2 + outer, inner, frame.family(), source, destination, TTL);
        } else {
            encapsulation.encapsulateInIpv4(buffer, l2 + outer, inner, frame.family(), 0, destination[0], TTL,
                    identification++ & 0xFFFF, dontFragment(frame));
        }
        ethernet.wrap(buffer, 0).etherType(outerIpv6 ? EthernetHeader.TYPE_IPV6 : EthernetHeader.TYPE_IPV4);
        egress.send(buffer, 0, l2 + outer + inner, innerOffload, l2, Egress.FILL_OUTER_SOURCE, Egress.TO_REAL_SERVER,
                outerIpv6 ? 6 : 4, destination[0], destination[1], destination[2], destination[3], frame.now);
    }

    @Override
    public void toClient(CurrentFrame frame, int slot) {
        throw new IllegalStateException("TUN replies do not pass the director");
    }
}
