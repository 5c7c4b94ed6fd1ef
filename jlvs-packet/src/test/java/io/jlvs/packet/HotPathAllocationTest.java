package io.jlvs.packet;

import io.jlvs.testkit.ThreadAllocation;
import io.jlvs.testkit.packet.Frames;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parsing frames, rewriting headers and updating checksums allocate nothing once warm, measured
 * with the thread's allocation counter as jlvs-core's HotPathAllocationTest does.
 */
class HotPathAllocationTest {
    private static final int FRAMES = 200_000;
    private static final long SCRATCH = 1800; // where tunnel headers are written, past each frame
    private static final QuotedPacket QUOTED = new QuotedPacket();
    private static long sink;

    @Test
    void parsingRewritingAndChecksumUpdatesAllocateNothing() {
        byte[][] frames = {
            Frames.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").vlan(100).ipv4("10.0.0.1", "10.0.0.100")
                    .tcp(40000, 80).syn().build(),
            Frames.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv6("2001:db8::1", "2001:db8::100")
                    .hopByHop().udp(40000, 53).payload(new byte[64]).build(),
            Frames.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv4("10.0.0.254", "10.0.0.1").icmp()
                    .fragmentationNeeded(1400).quoting(Frames.ipv4("10.0.0.1", "10.1.0.1").tcp(40000, 80)).build(),
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ring = arena.allocate(frames.length * 2048L);
            for (int i = 0; i < frames.length; i++) {
                MemorySegment.copy(MemorySegment.ofArray(frames[i]), 0, ring, i * 2048L + 64, frames[i].length);
            }
            ParsedFrame parsed = new ParsedFrame();
            IpEncapsulation tunnel = new IpEncapsulation();
            int[] words = {0x20010db8, 0, 0, 0x100};

            int warmRefused = run(parsed, tunnel, ring, frames, words, FRAMES);
            long before = ThreadAllocation.allocatedBytes();
            int refused = run(parsed, tunnel, ring, frames, words, FRAMES);
            long allocated = ThreadAllocation.allocatedBytes() - before;
            assertEquals(0, warmRefused + refused, "every frame parsed OK after the rewrites");
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes over " + FRAMES + " frames");
        }
    }

    /** Parses each frame and does what an engine does to it; returns how many were refused. */
    private static int run(ParsedFrame parsed, IpEncapsulation tunnel, MemorySegment ring, byte[][] frames, int[] words,
                            int count) {
        long digest = 0;
        int refused = 0;
        for (int n = 0; n < count; n++) {
            int i = n % frames.length;
            long at = i * 2048L + 64;
            int verdict = parsed.parse(ring, at, frames[i].length);
            refused += verdict == FrameVerdict.OK ? 0 : 1;
            digest += parsed.l4Protocol() + parsed.l4Offset();
            if (parsed.family() == ParsedFrame.FAMILY_IPV4 && parsed.l4Protocol() == IpProtocol.TCP) {
                Ipv4Header ip = parsed.ipv4();
                TcpHeader tcp = parsed.tcp();
                int old = ip.destination();
                int next = old ^ 1;
                ip.rewriteDestination(next);
                tcp.checksum(Checksums.update32(tcp.checksum(), old, next));
                tcp.checksum(Checksums.partialUpdate32(tcp.checksum(), old, next));
                int port = tcp.destinationPort();
                tcp.destinationPort(port ^ 1).checksum(Checksums.update16(tcp.checksum(), port, port ^ 1));
                digest += ip.verifyChecksum() ? 1 : 0;
                digest += tunnel.encapsulateInIpv4(ring, at + SCRATCH, ip.totalLength(), 4, 1, 2, 64, n, true);
            } else if (parsed.family() == ParsedFrame.FAMILY_IPV6) {
                Ipv6Header ip = parsed.ipv6();
                UdpHeader udp = parsed.udp();
                udp.checksum(Checksums.udpUpdate128(udp.checksum(), ip.destination(0), ip.destination(1),
                        ip.destination(2), ip.destination(3), words[0], words[1], words[2], words[3]));
                digest += Checksums.sum(ring, parsed.l4Offset(), parsed.l4Length());
                digest += ip.pseudoHeaderSum(IpProtocol.UDP, parsed.l4Length());
                digest += tunnel.encapsulateInIpv6(ring, at + SCRATCH, parsed.l3Length(), 6, words, words, 64);
            } else {
                long quote = parsed.icmp().quotedPacketOffset();
                refused += QUOTED.parse(ring, quote, (int) (parsed.l3End() - quote)) == FrameVerdict.OK ? 0 : 1;
                digest += parsed.icmp().mtu() + QUOTED.sourcePort();
            }
        }
        sink += digest; // keeps the work observable
        return refused;
    }
}
