package io.jlvs.packet;

import io.jlvs.testkit.packet.FrameDescription;
import io.jlvs.testkit.packet.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * ParsedFrame over golden tables: one malformed frame per verdict, and valid frames of every kind
 * (VLAN and QinQ tags, IPv4 options, IPv6 extension headers, fragments, ICMP errors, tunnels,
 * Ethernet padding). Each frame is parsed where a ring would hold it: at an offset inside a
 * larger segment whose other bytes are garbage.
 */
class ParsedFrameTest {
    private static final String A = "02:00:00:00:00:01";
    private static final String B = "02:00:00:00:00:02";
    private static final int AT = 100;

    static Stream<Arguments> malformed() {
        byte[] udp = Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload(new byte[10]).build();
        byte[] tcp = Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2).syn().build();
        byte[] v6 = Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2").tcp(1, 2).syn().build();
        return Stream.of(
                arguments("13 bytes", Arrays.copyOf(udp, 13), FrameVerdict.TRUNCATED_ETHERNET),
                arguments("a VLAN tag cut short", Frames.ethernet(A, B).vlan(5).ipv4("10.0.0.1", "10.0.0.2").udp(1, 2)
                        .truncate(16).build(), FrameVerdict.TRUNCATED_ETHERNET),
                arguments("LLDP", poke16(udp, 12, 0x88CC), FrameVerdict.UNKNOWN_ETHERTYPE),
                arguments("three VLAN tags", Frames.ethernet(A, B).serviceVlan(1).vlan(2).vlan(3)
                        .ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).build(), FrameVerdict.UNKNOWN_ETHERTYPE),
                arguments("ARP cut short", Frames.ethernet(A, B).arp(1, A, "10.0.0.1", B, "10.0.0.2").truncate(14 + 27)
                        .build(), FrameVerdict.TRUNCATED_ARP),
                arguments("version 5 under EtherType IPv4", poke8(udp, 14, 0x55), FrameVerdict.BAD_IP_VERSION),
                arguments("an IPv4 packet under EtherType IPv6", poke16(udp, 12, 0x86DD), FrameVerdict.TRUNCATED_IPV6),
                arguments("IPv4 version under EtherType IPv6", poke8(v6, 14, 0x46), FrameVerdict.BAD_IP_VERSION),
                arguments("19 bytes of IPv4", Arrays.copyOf(udp, 14 + 19), FrameVerdict.TRUNCATED_IPV4),
                arguments("IPv4 options cut short", Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2")
                        .ipOptions(new byte[8]).truncate(14 + 24).build(), FrameVerdict.TRUNCATED_IPV4),
                arguments("IHL 4", poke8(udp, 14, 0x44), FrameVerdict.BAD_IPV4_HEADER_LENGTH),
                arguments("total length 19", poke16(udp, 16, 19), FrameVerdict.BAD_IPV4_TOTAL_LENGTH),
                arguments("total length one past the frame", Arrays.copyOf(tcp, tcp.length - 1),
                        FrameVerdict.IPV4_TOTAL_LENGTH_BEYOND_FRAME),
                arguments("bad header checksum", Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").corruptIpChecksum()
                        .udp(1, 2).build(), FrameVerdict.BAD_IPV4_CHECKSUM),
                arguments("39 bytes of IPv6", Arrays.copyOf(v6, 14 + 39), FrameVerdict.TRUNCATED_IPV6),
                arguments("IPv6 payload one past the frame", Arrays.copyOf(v6, v6.length - 1),
                        FrameVerdict.IPV6_PAYLOAD_BEYOND_FRAME),
                arguments("hop-by-hop longer than the packet", poke8(Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2")
                        .hopByHop().build(), 14 + 41, 1), FrameVerdict.TRUNCATED_IPV6_EXTENSION),
                arguments("hop-by-hop after destination options", Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2")
                        .destinationOptions().hopByHop().udp(1, 2).build(), FrameVerdict.MISPLACED_IPV6_EXTENSION),
                arguments("two IPv6 fragment headers", Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2")
                        .fragment(0, true).fragment(0, true).udp(1, 2).build(), FrameVerdict.MISPLACED_IPV6_EXTENSION),
                arguments("fragment past 65535 bytes", Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").udp(1, 2)
                        .fragment(65528, false).payload(new byte[100]).build(), FrameVerdict.BAD_FRAGMENT_OFFSET),
                arguments("10 bytes of TCP", Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").protocol(6, new byte[10])
                        .build(), FrameVerdict.TRUNCATED_TCP),
                arguments("TCP data offset 4", poke8(tcp, 34 + 12, 0x40), FrameVerdict.BAD_TCP_DATA_OFFSET),
                arguments("TCP data offset past the segment", poke8(tcp, 34 + 12, 0x60), FrameVerdict.BAD_TCP_DATA_OFFSET),
                arguments("7 bytes of UDP", Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").protocol(17, new byte[7])
                        .build(), FrameVerdict.TRUNCATED_UDP),
                arguments("UDP length past the packet", poke16(udp, 34 + 4, 19), FrameVerdict.BAD_UDP_LENGTH),
                arguments("UDP length 7", poke16(udp, 34 + 4, 7), FrameVerdict.BAD_UDP_LENGTH),
                arguments("4 bytes of ICMP", Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").protocol(1, new byte[4])
                        .build(), FrameVerdict.TRUNCATED_ICMP),
                arguments("4 bytes of ICMPv6", Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2")
                        .protocol(58, new byte[4]).build(), FrameVerdict.TRUNCATED_ICMPV6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedFrameWithItsVerdict(String name, byte[] frame, int verdict) {
        ParsedFrame parsed = new ParsedFrame();
        int got = parsed.parse(inRing(frame), AT, frame.length);
        assertEquals(FrameVerdict.name(verdict), FrameVerdict.name(got), FrameDescription.describe(frame));
        assertEquals(verdict, parsed.verdict());
    }

    @Test
    void theMalformedTableHasAFrameForEveryVerdictAndNamesAreDistinct() {
        Set<Integer> covered = new HashSet<>();
        malformed().forEach(row -> covered.add((Integer) row.get()[2]));
        Set<String> names = new HashSet<>();
        for (int verdict = 0; verdict < FrameVerdict.COUNT; verdict++) {
            assertTrue(verdict == FrameVerdict.OK || covered.contains(verdict), "no frame for " + FrameVerdict.name(verdict));
            assertTrue(names.add(FrameVerdict.name(verdict)), "name used twice: " + FrameVerdict.name(verdict));
        }
        assertThrows(IllegalArgumentException.class, () -> FrameVerdict.name(FrameVerdict.COUNT));
    }

    /** What a valid frame parses to; l4Offset counts from the frame's first byte. */
    record Expected(int family, int l2Length, int vlans, int l4Protocol, int l4Offset, int l4Length, int fragmentState) {
    }

    static Stream<Arguments> valid() {
        byte[] quotedTcp = Frames.ipv4("10.1.0.1", "10.0.0.9").dontFragment().tcp(80, 40000).ack(1).payload(new byte[1400])
                .buildPacket();
        byte[] bigDatagram = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload(new byte[1472]).buildPacket();
        byte[] innerV4 = Frames.ipv4("10.0.0.9", "10.0.0.100").tcp(40000, 80).syn().buildPacket();
        byte[] innerV6 = Frames.ipv6("2001:db8::9", "2001:db8::100").udp(5, 53).buildPacket();
        int v4 = ParsedFrame.FAMILY_IPV4;
        int v6 = ParsedFrame.FAMILY_IPV6;
        int whole = ParsedFrame.NOT_FRAGMENT;
        return Stream.of(
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").tcp(1234, 80).syn().seq(1).build(),
                        new Expected(v4, 14, 0, 6, 34, 20, whole)),
                arguments(Frames.ethernet(A, B).vlan(100).ipv4("10.0.0.1", "10.0.0.2").udp(53, 53)
                        .payload(new byte[5]).build(), new Expected(v4, 18, 1, 17, 38, 13, whole)),
                arguments(Frames.ethernet(A, B).serviceVlan(7).vlan(100).ipv6("2001:db8::1", "2001:db8::2").tcp(1, 2)
                        .tcpOptions(new byte[] {2, 4, 5, (byte) 0xB4}).build(), new Expected(v6, 22, 2, 6, 62, 24, whole)),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").ipOptions(new byte[] {7, 7, 4, 0, 0, 0, 0})
                        .tcp(1, 2).build(), new Expected(v4, 14, 0, 6, 42, 20, whole)),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload(new byte[2]).padding(16)
                        .build(), new Expected(v4, 14, 0, 17, 34, 10, whole)),
                arguments(Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2").hopByHop().routing()
                        .destinationOptions().udp(1, 2).build(), new Expected(v6, 14, 0, 17, 78, 8, whole)),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").identification(9).fragment(0, true)
                        .protocol(17, Arrays.copyOfRange(bigDatagram, 20, 20 + 1000)).build(),
                        new Expected(v4, 14, 0, 17, 34, 1000, ParsedFrame.FIRST_FRAGMENT)),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").identification(9).udp(1, 2)
                        .fragment(1480, false).payload(new byte[3]).build(),
                        new Expected(v4, 14, 0, 17, 34, 3, ParsedFrame.LATER_FRAGMENT)),
                arguments(Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2").fragment(0, true).tcp(1, 2).build(),
                        new Expected(v6, 14, 0, 6, 62, 20, ParsedFrame.FIRST_FRAGMENT)),
                arguments(Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2").hopByHop().fragment(2048, true)
                        .udp(1, 2).payload(new byte[16]).build(),
                        new Expected(v6, 14, 0, 17, 70, 16, ParsedFrame.LATER_FRAGMENT)),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.254", "10.1.0.1").icmp().fragmentationNeeded(1400)
                        .quoting(Arrays.copyOf(quotedTcp, 28)).build(), new Expected(v4, 14, 0, 1, 34, 36, whole)),
                arguments(Frames.ethernet(A, B).ipv6("2001:db8::fe", "2001:db8::1").icmp().packetTooBig(1280)
                        .quoting(innerV6).build(), new Expected(v6, 14, 0, 58, 54, 8 + innerV6.length, whole)),
                arguments(Frames.ethernet(A, B).ipv6("fe80::1", "ff02::1:ff00:2").ttl(255).icmp()
                        .icmpMessage(135, 0, 0).payload(new byte[16]).build(), new Expected(v6, 14, 0, 58, 54, 24, whole)),
                arguments(Frames.ethernet(A, B).ipv4("192.0.2.1", "10.1.0.1").encapsulate(innerV4).build(),
                        new Expected(v4, 14, 0, 4, 34, innerV4.length, whole)),
                arguments(Frames.ethernet(A, B).ipv4("192.0.2.1", "10.1.0.1").encapsulate(innerV6).build(),
                        new Expected(v4, 14, 0, 41, 34, innerV6.length, whole)),
                arguments(Frames.ethernet(A, B).ipv6("2001:db8::fe", "2001:db8:1::1").encapsulate(innerV6).build(),
                        new Expected(v6, 14, 0, 41, 54, innerV6.length, whole)),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").protocol(47, new byte[12]).build(),
                        new Expected(v4, 14, 0, 47, 34, 12, whole)),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).noUdpChecksum().build(),
                        new Expected(v4, 14, 0, 17, 34, 8, whole)),
                arguments(Frames.ethernet(A, B).vlan(3).arp(1, A, "10.0.0.1", "00:00:00:00:00:00", "10.0.0.2")
                        .padding(14).build(), new Expected(ParsedFrame.FAMILY_ARP, 18, 1, -1, 0, 0, whole)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAValidFrame(byte[] frame, Expected expected) {
        ParsedFrame parsed = new ParsedFrame();
        String description = FrameDescription.describe(frame);
        assertEquals("ok", FrameVerdict.name(parsed.parse(inRing(frame), AT, frame.length)), description);
        Expected got = new Expected(parsed.family(), parsed.l2Length(), parsed.vlanCount(), parsed.l4Protocol(),
                (int) (parsed.l4Offset() - AT), parsed.l4Length(), parsed.fragmentState());
        assertEquals(expected, got, description);
        assertEquals(AT + expected.l2Length(), parsed.l3Offset());
    }

    @Test
    void theInnerPacketOfATunnelParsesBare() {
        byte[] inner = Frames.ipv6("2001:db8::9", "2001:db8::100").tcp(40000, 443).syn().buildPacket();
        byte[] frame = Frames.ethernet(A, B).ipv4("192.0.2.1", "10.1.0.1").encapsulate(inner).build();
        ParsedFrame parsed = new ParsedFrame();
        MemorySegment ring = inRing(frame);
        assertEquals(FrameVerdict.OK, parsed.parse(ring, AT, frame.length));
        long innerOffset = parsed.l4Offset();
        assertEquals(FrameVerdict.OK, parsed.parseIp(ring, innerOffset, parsed.l4Length()));
        assertEquals(ParsedFrame.FAMILY_IPV6, parsed.family());
        assertEquals(IpProtocol.TCP, parsed.l4Protocol());
        assertEquals(443, parsed.tcp().destinationPort());
        assertEquals(0, parsed.l2Length());
        assertEquals(FrameVerdict.BAD_IP_VERSION, parsed.parseIp(MemorySegment.ofArray(new byte[] {0x50}), 0, 1));
    }

    @Test
    void theFlyweightsComeBackWrappedAtTheirLayers() {
        byte[] frame = Frames.ethernet(A, B).vlan(100).ipv4("10.0.0.1", "10.0.0.2").ttl(9).tcp(1234, 80).syn().seq(7).build();
        ParsedFrame parsed = new ParsedFrame();
        assertEquals(FrameVerdict.OK, parsed.parse(inRing(frame), AT, frame.length));
        assertEquals(100, parsed.ethernet().vlanId(0));
        assertEquals(9, parsed.ipv4().ttl());
        assertEquals(0x0A000002, parsed.ipv4().destination());
        assertEquals(80, parsed.tcp().destinationPort());
        assertEquals(7, parsed.tcp().sequence());
        assertTrue(parsed.tcp().has(TcpHeader.SYN));
        assertTrue(parsed.hasTransportHeader());
        assertEquals(AT + frame.length, parsed.l3End());
    }

    /** The frame at AT in a segment of garbage, as a receive ring holds it. */
    private static MemorySegment inRing(byte[] frame) {
        byte[] ring = new byte[AT + frame.length + 300];
        Arrays.fill(ring, (byte) 0x55);
        System.arraycopy(frame, 0, ring, AT, frame.length);
        return MemorySegment.ofArray(ring);
    }

    private static byte[] poke8(byte[] frame, int at, int value) {
        byte[] copy = frame.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] poke16(byte[] frame, int at, int value) {
        byte[] copy = poke8(frame, at, value >>> 8);
        copy[at + 1] = (byte) value;
        return copy;
    }
}
