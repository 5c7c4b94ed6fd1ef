package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.packet.EthernetHeader;
import io.jlvs.packet.IpEncapsulation;
import io.jlvs.packet.Ipv4Header;
import io.jlvs.packet.Ipv6Header;
import io.jlvs.packet.io.FrameOffload;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * TUN (ipvsadm -i, ip_vs_tunnel_xmit): the packet, unchanged, goes inside an outer IP header
 * from the director to the real server (IPIP, protocol 4, or protocol 41 for IPv6 inside); the
 * real server unwraps it, finds the VIP on its own interface and answers the client directly.
 * The outer header's 20 (or 40) bytes can push a packet past the MTU: with DF set (always, for
 * IPv6) the client gets a fragmentation-needed / packet-too-big naming the smaller MTU, as the
 * kernel sends, and the packet is dropped (counted TOO_BIG). A partial checksum stays partial,
 * its start moved by the outer header; a GSO train cannot be described inside a tunnel to the
 * kernel and is dropped, counted UNSUPPORTED_OFFLOAD.
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
        if (frame.offload.gsoType() != FrameOffload.GSO_NONE) {
            counters.drop(DropReason.UNSUPPORTED_OFFLOAD);
            return;
        }
        boolean outerIpv6 = table.destination(slot).family() == AddressFamily.INET6;
        int outer = outerIpv6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
        int inner = frame.ipLength();
        boolean dontFragment = frame.family() == 6 || frame.parsed.ipv4().dontFragment();
        if (inner + outer > mtu) {
            if (dontFragment) {
                tooBig.send(frame, mtu - outer);
                counters.drop(DropReason.TOO_BIG);
                return;
            }
            counters.drop(DropReason.TOO_BIG);
            return;
        }
        int l2 = frame.l2Length();
        MemorySegment.copy(frame.segment, frame.offset, buffer, 0, l2);
        MemorySegment.copy(frame.segment, frame.parsed.l3Offset(), buffer, l2 + outer, inner);
        for (int i = 0; i < 4; i++) {
            destination[i] = table.destinationWord(slot, i);
        }
        if (outerIpv6) {
            encapsulation.encapsulateInIpv6(buffer, l2 + outer, inner, frame.family(), source, destination, TTL);
        } else {
            encapsulation.encapsulateInIpv4(buffer, l2 + outer, inner, frame.family(), 0, destination[0], TTL,
                    identification++ & 0xFFFF, dontFragment);
        }
        ethernet.wrap(buffer, 0).etherType(outerIpv6 ? EthernetHeader.TYPE_IPV6 : EthernetHeader.TYPE_IPV4);
        offload.set(frame.offload);
        if (offload.needsChecksum()) {
            offload.partialChecksum(offload.checksumStart() + outer, offload.checksumOffset());
        }
        egress.send(buffer, 0, l2 + outer + inner, offload, l2, Egress.FILL_OUTER_SOURCE, Egress.TO_REAL_SERVER,
                outerIpv6 ? 6 : 4, destination[0], destination[1], destination[2], destination[3], frame.now);
    }

    @Override
    public void toClient(CurrentFrame frame, int slot) {
        throw new IllegalStateException("TUN replies do not pass the director");
    }
}
