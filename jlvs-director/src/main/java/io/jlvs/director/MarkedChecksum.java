package io.jlvs.director;

import io.jlvs.packet.Checksums;
import io.jlvs.packet.IpProtocol;
import io.jlvs.packet.NetworkBytes;
import io.jlvs.packet.ParsedFrame;

import java.lang.foreign.MemorySegment;

/**
 * Makes a marked packet's TCP or UDP checksum whole again. nfnetlink_log copies a packet as the
 * kernel holds it, and a packet from a local sender or a veth may still be CHECKSUM_PARTIAL (its
 * checksum field holds only the pseudo-header sum) without saying so; the AF_PACKET port learns
 * that from virtio_net_hdr, a marked packet cannot. So the checksum is computed again over the
 * whole segment, as a NIC would. A fragment (the checksum covers bytes that are not here), UDP
 * without a checksum and SCTP (CRC32c) are left as they are. No allocation.
 */
final class MarkedChecksum {
    private static final int TCP_CHECKSUM_OFFSET = 16;
    private static final int UDP_CHECKSUM_OFFSET = 6;

    private MarkedChecksum() {
    }

    static void recompute(ParsedFrame parsed, MemorySegment segment) {
        if (parsed.fragmentState() != ParsedFrame.NOT_FRAGMENT || !parsed.hasTransportHeader()) {
            return;
        }
        int protocol = parsed.l4Protocol();
        boolean udp = protocol == IpProtocol.UDP;
        if (protocol != IpProtocol.TCP && !udp) {
            return;
        }
        long l4 = parsed.l4Offset();
        long field = l4 + (udp ? UDP_CHECKSUM_OFFSET : TCP_CHECKSUM_OFFSET);
        boolean ipv4 = parsed.family() == ParsedFrame.FAMILY_IPV4;
        if (udp && ipv4 && NetworkBytes.u16(segment, field) == Checksums.UDP_NO_CHECKSUM) {
            return;
        }
        int length = parsed.l4Length();
        long pseudo = ipv4
                ? Checksums.ipv4PseudoHeaderSum(parsed.ipv4().source(), parsed.ipv4().destination(), protocol, length)
                : Checksums.ipv6PseudoHeaderSum(segment, parsed.l3Offset(), protocol, length);
        NetworkBytes.setU16(segment, field, Checksums.partial(pseudo));
        Checksums.finishPartial(segment, l4, length, field, udp);
    }
}
