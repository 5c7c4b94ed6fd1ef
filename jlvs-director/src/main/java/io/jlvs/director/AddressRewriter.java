package io.jlvs.director;

import io.jlvs.packet.Checksums;
import io.jlvs.packet.IpProtocol;
import io.jlvs.packet.Ipv4Header;
import io.jlvs.packet.Ipv6Header;
import io.jlvs.packet.NetworkBytes;

import java.lang.foreign.MemorySegment;

/**
 * Rewrites one IP packet's addresses and ports in place and keeps its checksums right with RFC
 * 1624 updates: the IPv4 header checksum, and the TCP or UDP checksum, which covers the
 * addresses through the pseudo-header and the ports directly. A partial L4 checksum (the sender
 * left it to offload) covers only the pseudo-header, so it follows address changes and not port
 * changes. A UDP/IPv4 checksum of 0 (none) stays 0. {@link #bind} selects the packet; the NAT and
 * FULLNAT transmitters and the ICMP relay (for the quoted packet) share it. Allocates nothing.
 */
final class AddressRewriter {
    private MemorySegment segment;
    private long l3;
    private long l4;
    private int family;
    private int protocol;
    private boolean partial;
    private boolean transportChecksum;
    private boolean portsPresent;
    private int checksumAt;

    /**
     * Selects a packet.
     *
     * @param l3Offset where its IP header starts
     * @param l4Offset where its TCP/UDP header starts
     * @param ipFamily 4 or 6
     * @param l4Protocol the upper-layer protocol
     * @param partialChecksum whether the L4 checksum is partial (FrameOffload.needsChecksum)
     * @param portsPresent whether the ports are in the bytes at hand (false for a later fragment:
     *                     its first fragment carried them)
     * @param checksumKept whether the L4 checksum is to be kept right (false for a later fragment,
     *                     and for a quoted packet cut short, whose checksum the kernel leaves too)
     */
    AddressRewriter bind(MemorySegment packet, long l3Offset, long l4Offset, int ipFamily, int l4Protocol,
                         boolean partialChecksum, boolean portsPresent, boolean checksumKept) {
        segment = packet;
        l3 = l3Offset;
        l4 = l4Offset;
        family = ipFamily;
        protocol = l4Protocol;
        partial = partialChecksum;
        this.portsPresent = portsPresent;
        checksumAt = switch (l4Protocol) {
            case IpProtocol.TCP -> 16;
            case IpProtocol.UDP -> 6;
            default -> -1;
        };
        transportChecksum = checksumKept && checksumAt >= 0
                && !(l4Protocol == IpProtocol.UDP && ipFamily == 4 && checksum() == Checksums.UDP_NO_CHECKSUM);
        return this;
    }

    /** Sets the source address (IPv4 in w0). */
    AddressRewriter source(int w0, int w1, int w2, int w3) {
        return address(family == 4 ? Ipv4Header.SOURCE_OFFSET : Ipv6Header.SOURCE_OFFSET, w0, w1, w2, w3);
    }

    /** Sets the destination address (IPv4 in w0). */
    AddressRewriter destination(int w0, int w1, int w2, int w3) {
        return address(family == 4 ? Ipv4Header.DESTINATION_OFFSET : Ipv6Header.DESTINATION_OFFSET, w0, w1, w2, w3);
    }

    /** Sets the source port (TCP, UDP and SCTP keep ports in the same place). */
    AddressRewriter sourcePort(int port) {
        return port(l4, port);
    }

    /** Sets the destination port. */
    AddressRewriter destinationPort(int port) {
        return port(l4 + 2, port);
    }

    private AddressRewriter address(int fieldOffset, int w0, int w1, int w2, int w3) {
        long at = l3 + fieldOffset;
        if (family == 4) {
            int old = NetworkBytes.u32(segment, at);
            if (old == w0) {
                return this;
            }
            NetworkBytes.setU32(segment, at, w0);
            long headerChecksum = l3 + Ipv4Header.CHECKSUM_OFFSET;
            NetworkBytes.setU16(segment, headerChecksum,
                    Checksums.update32(NetworkBytes.u16(segment, headerChecksum), old, w0));
            if (transportChecksum) {
                checksum(partial ? Checksums.partialUpdate32(checksum(), old, w0)
                        : nonZero(Checksums.update32(checksum(), old, w0)));
            }
            return this;
        }
        int o0 = NetworkBytes.u32(segment, at);
        int o1 = NetworkBytes.u32(segment, at + 4);
        int o2 = NetworkBytes.u32(segment, at + 8);
        int o3 = NetworkBytes.u32(segment, at + 12);
        NetworkBytes.setU32(segment, at, w0);
        NetworkBytes.setU32(segment, at + 4, w1);
        NetworkBytes.setU32(segment, at + 8, w2);
        NetworkBytes.setU32(segment, at + 12, w3);
        if (transportChecksum) {
            checksum(partial ? Checksums.partialUpdate128(checksum(), o0, o1, o2, o3, w0, w1, w2, w3)
                    : nonZero(Checksums.update128(checksum(), o0, o1, o2, o3, w0, w1, w2, w3)));
        }
        return this;
    }

    private AddressRewriter port(long at, int port) {
        if (!portsPresent) {
            return this;
        }
        int old = NetworkBytes.u16(segment, at);
        if (old == port) {
            return this;
        }
        NetworkBytes.setU16(segment, at, port);
        if (transportChecksum && !partial) {
            checksum(nonZero(Checksums.update16(checksum(), old, port)));
        }
        return this;
    }

    /** UDP sends a computed 0 as 0xFFFF (0 means no checksum); TCP never yields 0 from an update either way. */
    private int nonZero(int checksum) {
        return protocol == IpProtocol.UDP ? Checksums.udp(checksum) : checksum;
    }

    private int checksum() {
        return NetworkBytes.u16(segment, l4 + checksumAt);
    }

    private void checksum(int value) {
        NetworkBytes.setU16(segment, l4 + checksumAt, value);
    }
}
