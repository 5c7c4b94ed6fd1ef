package io.jlvs.director;

import io.jlvs.packet.Checksums;
import io.jlvs.packet.IpProtocol;
import io.jlvs.packet.NetworkBytes;
import io.jlvs.packet.ParsedFrame;
import io.jlvs.packet.TcpHeader;
import io.jlvs.packet.io.FrameOffload;

import java.lang.foreign.MemorySegment;

/**
 * Gives a marked packet the checksum and offloads a port can send. nfnetlink_log copies a packet
 * as the kernel holds it and says nothing of its state, where the AF_PACKET port learns it from
 * virtio_net_hdr: from a local sender or a veth the TCP or UDP checksum may be CHECKSUM_PARTIAL
 * (the field holds only the pseudo-header sum), and after GRO (or a local sender's TSO) a TCP
 * packet may be far bigger than the MTU. So a TCP or UDP checksum is computed again over the whole
 * segment, as a NIC would; a TCP packet bigger than the MTU goes out as a GSO train of MTU-sized
 * segments with its checksum left partial, as a veth hands such a train over. A fragment (its
 * checksum covers bytes not here), UDP without a checksum and SCTP (CRC32c) are left as they are.
 * No allocation.
 */
final class MarkedOffload {
    private static final int UDP_CHECKSUM_OFFSET = 6;

    private MarkedOffload() {
    }

    /**
     * Sets offload for the parsed marked frame in segment and fixes its checksum; false when it is
     * bigger than the MTU and cannot be cut (not TCP), so it cannot be sent.
     */
    static boolean prepare(ParsedFrame parsed, MemorySegment segment, FrameOffload offload, int mtu) {
        offload.clear();
        boolean fits = parsed.l3Length() <= mtu;
        if (parsed.fragmentState() != ParsedFrame.NOT_FRAGMENT || !parsed.hasTransportHeader()) {
            return fits;
        }
        int protocol = parsed.l4Protocol();
        boolean udp = protocol == IpProtocol.UDP;
        if (protocol != IpProtocol.TCP && !udp) {
            return fits;
        }
        long l4 = parsed.l4Offset();
        int checksumOffset = udp ? UDP_CHECKSUM_OFFSET : TcpHeader.CHECKSUM_OFFSET;
        long field = l4 + checksumOffset;
        boolean ipv4 = parsed.family() == ParsedFrame.FAMILY_IPV4;
        if (udp && ipv4 && NetworkBytes.u16(segment, field) == Checksums.UDP_NO_CHECKSUM) {
            return fits;
        }
        int length = parsed.l4Length();
        long pseudo = ipv4
                ? Checksums.ipv4PseudoHeaderSum(parsed.ipv4().source(), parsed.ipv4().destination(), protocol, length)
                : Checksums.ipv6PseudoHeaderSum(segment, parsed.l3Offset(), protocol, length);
        NetworkBytes.setU16(segment, field, Checksums.partial(pseudo));
        if (fits) {
            Checksums.finishPartial(segment, l4, length, field, udp);
            return true;
        }
        if (udp) {
            return false;
        }
        int start = (int) (l4 - parsed.frameOffset());
        int tcpHeader = (NetworkBytes.u8(segment, l4 + TcpHeader.DATA_OFFSET_OFFSET) >>> 4) * 4;
        int ipHeaders = (int) (l4 - parsed.l3Offset());
        offload.partialChecksum(start, checksumOffset)
                .segmentation(ipv4 ? FrameOffload.GSO_TCPV4 : FrameOffload.GSO_TCPV6, mtu - ipHeaders - tcpHeader,
                        start + tcpHeader);
        return true;
    }
}
