package io.jlvs.packet;

import io.jlvs.testkit.packet.Frames;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packet an ICMP error quotes is found with its ports even though the quote is cut short. */
class QuotedPacketTest {
    private final ParsedFrame frame = new ParsedFrame();
    private final QuotedPacket quoted = new QuotedPacket();

    @Test
    void findsThePortsOfATcpPacketQuotedByFragmentationNeeded() {
        byte[] inner = Frames.ipv4("10.1.0.1", "10.0.0.9").dontFragment().tcp(80, 40000).ack(1)
                .payload(new byte[1400]).buildPacket();
        byte[] bytes = Frames.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv4("10.0.0.254", "10.1.0.1").icmp()
                .fragmentationNeeded(1400).quoting(Arrays.copyOf(inner, 28)).build();
        MemorySegment segment = MemorySegment.ofArray(bytes);
        assertEquals(FrameVerdict.OK, frame.parse(segment, 0, bytes.length));
        IcmpHeader icmp = frame.icmp();
        long quote = icmp.quotedPacketOffset();
        assertEquals(FrameVerdict.OK, quoted.parse(segment, quote, (int) (frame.l3End() - quote)));
        assertEquals(ParsedFrame.FAMILY_IPV4, quoted.family());
        assertEquals(IpProtocol.TCP, quoted.l4Protocol());
        assertEquals(80, quoted.sourcePort());
        assertEquals(40000, quoted.destinationPort());
        assertEquals(0x0A000009, quoted.ipv4().destination());
        assertEquals(1400, icmp.mtu());
    }

    @Test
    void findsTheUdpPortsBehindExtensionHeadersInAPacketTooBig() {
        byte[] inner = Frames.ipv6("2001:db8::100", "2001:db8::9").hopByHop().destinationOptions().udp(53, 5353)
                .payload(new byte[1300]).buildPacket();
        byte[] bytes = Frames.ethernet("02:00:00:00:00:01", "02:00:00:00:00:02").ipv6("2001:db8::fe", "2001:db8::100")
                .icmp().packetTooBig(1280).quoting(Arrays.copyOf(inner, 1232)).build();
        MemorySegment segment = MemorySegment.ofArray(bytes);
        assertEquals(FrameVerdict.OK, frame.parse(segment, 0, bytes.length));
        long quote = frame.icmpv6().quotedPacketOffset();
        assertEquals(FrameVerdict.OK, quoted.parse(segment, quote, (int) (frame.l3End() - quote)));
        assertEquals(ParsedFrame.FAMILY_IPV6, quoted.family());
        assertEquals(IpProtocol.UDP, quoted.l4Protocol());
        assertEquals(53, quoted.sourcePort());
        assertEquals(5353, quoted.destinationPort());
        assertEquals(9, quoted.ipv6().destination(3));
    }

    @Test
    void refusesAQuoteTooShortForThePortsAndAcceptsALaterFragmentWithout() {
        byte[] inner = Frames.ipv4("10.1.0.1", "10.0.0.9").udp(53, 40000).payload(new byte[100]).buildPacket();
        assertEquals(FrameVerdict.TRUNCATED_UDP, quoted.parse(MemorySegment.ofArray(inner), 0, 24));
        assertEquals(FrameVerdict.TRUNCATED_IPV4, quoted.parse(MemorySegment.ofArray(inner), 0, 19));
        byte[] later = Frames.ipv4("10.1.0.1", "10.0.0.9").udp(53, 40000).fragment(1480, false).payload(new byte[4])
                .buildPacket();
        assertEquals(FrameVerdict.OK, quoted.parse(MemorySegment.ofArray(later), 0, 22));
        assertTrue(quoted.isLaterFragment());
        assertEquals(FrameVerdict.BAD_IP_VERSION, quoted.parse(MemorySegment.ofArray(new byte[] {0x20}), 0, 1));
    }
}
