package io.jlvs.packet;

import io.jlvs.testkit.packet.Addresses;
import io.jlvs.testkit.packet.Frames;
import io.jlvs.testkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each flyweight reads back what the independent PacketBuilder wrote, over seeded random headers;
 * and writing another random header's values with the setters gives the bytes the builder makes
 * for those values.
 */
class FlyweightReadBackTest {
    private static final int ROUNDS = 300;
    private final RandomHeaders random = new RandomHeaders(0x5EED_0001L);

    @Test
    void ethernetTagsAndArpReadBack() {
        EthernetHeader ethernet = new EthernetHeader();
        ArpPacket arp = new ArpPacket();
        for (int round = 0; round < ROUNDS; round++) {
            String source = random.mac();
            String destination = random.mac();
            int outer = random.u16() & 0xFFF;
            int inner = random.u16() & 0xFFF;
            int tags = random.random.nextInt(3);
            PacketBuilder builder = Frames.ethernet(source, destination);
            if (tags == 2) {
                builder.serviceVlan(outer).vlan(inner);
            } else if (tags == 1) {
                builder.vlan(outer);
            }
            String senderIp = random.ipv4();
            String targetIp = random.ipv4();
            String senderMac = random.mac();
            byte[] frame = builder.arp(2, senderMac, senderIp, "00:00:00:00:00:00", targetIp).build();
            MemorySegment segment = MemorySegment.ofArray(frame);
            ethernet.wrap(segment, 0);
            assertEquals(Addresses.macLong(source), ethernet.source());
            assertEquals(Addresses.macLong(destination), ethernet.destination());
            assertEquals(tags, ethernet.tagCount());
            assertEquals(14 + 4 * tags, ethernet.headerLength());
            assertEquals(EthernetHeader.TYPE_ARP, ethernet.etherType());
            if (tags > 0) {
                assertEquals(outer, ethernet.vlanId(0));
            }
            if (tags == 2) {
                assertEquals(EthernetHeader.TYPE_QINQ, ethernet.outerEtherType());
                assertEquals(inner, ethernet.vlanId(1));
            }
            arp.wrap(segment, ethernet.headerLength());
            assertTrue(arp.isEthernetIpv4());
            assertEquals(ArpPacket.OPERATION_REPLY, arp.operation());
            assertEquals(Addresses.macLong(senderMac), arp.senderMac());
            assertEquals(Addresses.ipv4Word(senderIp), arp.senderIp());
            assertEquals(0L, arp.targetMac());
            assertEquals(Addresses.ipv4Word(targetIp), arp.targetIp());

            // Setters write what the builder writes for other values.
            String newSource = random.mac();
            String newDestination = random.mac();
            String newSenderIp = random.ipv4();
            ethernet.source(Addresses.macLong(newSource)).destination(Addresses.macLong(newDestination));
            if (tags > 0) {
                ethernet.vlanId(0, inner);
            }
            arp.ethernetIpv4(ArpPacket.OPERATION_REQUEST).senderIp(Addresses.ipv4Word(newSenderIp))
                    .senderMac(Addresses.macLong(senderMac)).targetMac(0).targetIp(Addresses.ipv4Word(targetIp));
            PacketBuilder expected = Frames.ethernet(newSource, newDestination);
            if (tags == 2) {
                expected.serviceVlan(inner).vlan(inner);
            } else if (tags == 1) {
                expected.vlan(inner);
            }
            assertArrayEquals(expected.arp(1, senderMac, newSenderIp, "00:00:00:00:00:00", targetIp).build(), frame);
        }
    }

    @Test
    void ipv4AndTcpReadBackAndSettersAgreeWithTheBuilder() {
        Ipv4Header ip = new Ipv4Header();
        TcpHeader tcp = new TcpHeader();
        for (int round = 0; round < ROUNDS; round++) {
            TcpValues a = new TcpValues(random);
            byte[] packet = a.builder().buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            ip.wrap(segment, 0);
            assertEquals(4, ip.version());
            assertEquals(20 + a.options.length, ip.headerLength());
            assertEquals(packet.length, ip.totalLength());
            assertEquals(a.tos, ip.tos());
            assertEquals(a.id, ip.identification());
            assertEquals(a.dontFragment, ip.dontFragment());
            assertFalse(ip.moreFragments());
            assertEquals(0, ip.fragmentOffsetBytes());
            assertEquals(a.ttl, ip.ttl());
            assertEquals(IpProtocol.TCP, ip.protocol());
            assertEquals(Addresses.ipv4Word(a.source), ip.source());
            assertEquals(Addresses.ipv4Word(a.destination), ip.destination());
            assertTrue(ip.verifyChecksum());
            assertEquals(ip.checksum(), ip.computeChecksum());
            tcp.wrap(segment, ip.headerLength());
            assertEquals(a.sourcePort, tcp.sourcePort());
            assertEquals(a.destinationPort, tcp.destinationPort());
            assertEquals(a.seq, tcp.sequence());
            assertEquals(a.ack, tcp.acknowledgment());
            assertEquals(a.flags, tcp.flags());
            assertEquals(a.window, tcp.window());
            assertEquals(20 + a.tcpOptions.length, tcp.headerLength());

            // Rewrite every field to b's values with the setters (same lengths), then the checksums.
            TcpValues b = new TcpValues(random).sameLengthsAs(a);
            ip.tos(b.tos).identification(b.id).fragmentWord(b.dontFragment ? Ipv4Header.FLAG_DF : 0).ttl(b.ttl)
                    .source(Addresses.ipv4Word(b.source)).destination(Addresses.ipv4Word(b.destination));
            MemorySegment.copy(MemorySegment.ofArray(b.options), 0, segment, 20, b.options.length);
            ip.updateChecksum();
            tcp.sourcePort(b.sourcePort).destinationPort(b.destinationPort).sequence(b.seq).acknowledgment(b.ack)
                    .flags(b.flags).window(b.window).headerLength(20 + b.tcpOptions.length).urgentPointer(0);
            MemorySegment.copy(MemorySegment.ofArray(b.tcpOptions), 0, segment, tcp.offset() + 20, b.tcpOptions.length);
            MemorySegment.copy(MemorySegment.ofArray(b.payload), 0, segment, tcp.offset() + tcp.headerLength(),
                    b.payload.length);
            tcp.checksum(0);
            int l4Length = packet.length - ip.headerLength();
            tcp.checksum(Checksums.complement(ip.pseudoHeaderSum() + Checksums.sum(segment, tcp.offset(), l4Length)));
            assertArrayEquals(b.builder().buildPacket(), packet, "round " + round);
        }
    }

    @Test
    void ipv6AndUdpReadBackAndSettersAgreeWithTheBuilder() {
        Ipv6Header ip = new Ipv6Header();
        UdpHeader udp = new UdpHeader();
        for (int round = 0; round < ROUNDS; round++) {
            String source = random.ipv6();
            String destination = random.ipv6();
            int trafficClass = random.u8();
            int flow = random.u32() & 0xF_FFFF;
            int hops = random.u8();
            int sourcePort = random.port();
            int destinationPort = random.port();
            byte[] payload = random.bytes(40);
            byte[] packet = Frames.ipv6(source, destination).tos(trafficClass).flowLabel(flow).ttl(hops)
                    .udp(sourcePort, destinationPort).payload(payload).buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            ip.wrap(segment, 0);
            assertEquals(6, ip.version());
            assertEquals(trafficClass, ip.trafficClass());
            assertEquals(flow, ip.flowLabel());
            assertEquals(packet.length - 40, ip.payloadLength());
            assertEquals(IpProtocol.UDP, ip.nextHeader());
            assertEquals(hops, ip.hopLimit());
            byte[] sourceBytes = Addresses.ip(source);
            byte[] destinationBytes = Addresses.ip(destination);
            for (int word = 0; word < 4; word++) {
                assertEquals(Addresses.word(sourceBytes, word), ip.source(word));
                assertEquals(Addresses.word(destinationBytes, word), ip.destination(word));
            }
            udp.wrap(segment, 40);
            assertEquals(sourcePort, udp.sourcePort());
            assertEquals(destinationPort, udp.destinationPort());
            assertEquals(8 + payload.length, udp.length());

            String newSource = random.ipv6();
            String newDestination = random.ipv6();
            byte[] s = Addresses.ip(newSource);
            byte[] d = Addresses.ip(newDestination);
            ip.versionClassFlow(hops, flow ^ 1).hopLimit(trafficClass)
                    .source(Addresses.word(s, 0), Addresses.word(s, 1), Addresses.word(s, 2), Addresses.word(s, 3))
                    .destination(Addresses.word(d, 0), Addresses.word(d, 1), Addresses.word(d, 2), Addresses.word(d, 3));
            udp.sourcePort(destinationPort).destinationPort(sourcePort).checksum(0);
            int sum = Checksums.complement(ip.pseudoHeaderSum(IpProtocol.UDP, udp.length())
                    + Checksums.sum(segment, 40, udp.length()));
            udp.checksum(Checksums.udp(sum));
            byte[] expected = Frames.ipv6(newSource, newDestination).tos(hops).flowLabel(flow ^ 1).ttl(trafficClass)
                    .udp(destinationPort, sourcePort).payload(payload).buildPacket();
            assertArrayEquals(expected, packet, "round " + round);
        }
    }

    @Test
    void theIpv6ExtensionWalkFindsTheUpperLayerAndTheFragmentFields() {
        Ipv6ExtensionWalk walk = new Ipv6ExtensionWalk();
        for (int round = 0; round < ROUNDS; round++) {
            PacketBuilder builder = Frames.ipv6(random.ipv6(), random.ipv6());
            int headers = 0;
            int length = 0;
            if (random.flip()) {
                builder.hopByHop();
                headers++;
                length += 8;
            }
            if (random.flip()) {
                builder.routing();
                headers++;
                length += 8;
            }
            int fragmentOffset = random.random.nextInt(0x2000) * 8;
            boolean more = random.flip();
            int id = random.u32();
            boolean fragment = random.flip();
            if (fragment) {
                builder.identification(id).fragment(fragmentOffset, more);
                headers++;
                length += 8;
            }
            if (random.flip()) {
                builder.destinationOptions();
                headers++;
                length += 8;
            }
            byte[] packet = builder.udp(random.port(), random.port()).payload(random.bytes(16)).buildPacket();
            assertEquals(Ipv6ExtensionWalk.OK, walk.walk(MemorySegment.ofArray(packet), 0, packet.length));
            assertEquals(IpProtocol.UDP, walk.protocol());
            assertEquals(40 + length, walk.upperLayerOffset());
            assertEquals(headers, walk.extensionCount());
            assertEquals(fragment, walk.isFragment());
            assertEquals(fragment ? fragmentOffset : 0, walk.fragmentOffsetBytes());
            assertEquals(fragment && more, walk.moreFragments());
            assertEquals(fragment ? id : 0, walk.fragmentIdentification());
        }
    }

    @Test
    void icmpErrorsReadBackTheirFieldsAndWhereTheQuotedPacketStarts() {
        IcmpHeader icmp = new IcmpHeader();
        Ipv4Header quoted = new Ipv4Header();
        for (int round = 0; round < ROUNDS; round++) {
            String client = random.ipv4();
            String server = random.ipv4();
            int mtu = 576 + random.random.nextInt(9000);
            PacketBuilder inner = Frames.ipv4(server, client).tcp(80, random.port()).syn();
            int kind = random.random.nextInt(5);
            PacketBuilder outer = Frames.ipv4("192.0.2.1", server);
            switch (kind) {
                case 0 -> outer.icmp().fragmentationNeeded(mtu).quoting(inner);
                case 1 -> outer.icmp().timeExceeded(0).quoting(inner);
                case 2 -> outer.icmp().parameterProblem(mtu & 0xFF).quoting(inner);
                case 3 -> outer.icmp().sourceQuench().quoting(inner);
                default -> outer.icmp().echoRequest(mtu & 0xFFFF, round);
            }
            byte[] packet = outer.buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            icmp.wrap(segment, 20);
            assertEquals(kind < 4, icmp.isError());
            assertEquals(Checksums.checksum(segment, 20, packet.length - 20), 0, "an ICMP message sums to all ones");
            switch (kind) {
                case 0 -> {
                    assertTrue(icmp.isFragmentationNeeded());
                    assertEquals(mtu, icmp.mtu());
                }
                case 1 -> assertEquals(IcmpHeader.TIME_EXCEEDED, icmp.type());
                case 2 -> assertEquals(mtu & 0xFF, icmp.pointer());
                case 3 -> assertEquals(IcmpHeader.SOURCE_QUENCH, icmp.type());
                default -> {
                    assertEquals(IcmpHeader.ECHO_REQUEST, icmp.type());
                    assertEquals(mtu & 0xFFFF, icmp.identifier());
                    assertEquals(round, icmp.sequence());
                }
            }
            if (kind < 4) {
                quoted.wrap(segment, icmp.quotedPacketOffset());
                assertEquals(Addresses.ipv4Word(server), quoted.source());
                assertEquals(Addresses.ipv4Word(client), quoted.destination());
            }
        }
    }

    @Test
    void icmpv6ErrorsEchoAndPacketTooBigReadBack() {
        Icmpv6Header icmp = new Icmpv6Header();
        Ipv6Header quoted = new Ipv6Header();
        for (int round = 0; round < ROUNDS; round++) {
            String server = random.ipv6();
            int mtu = 1280 + random.random.nextInt(8000);
            PacketBuilder inner = Frames.ipv6(server, "2001:db8::1").udp(53, random.port()).payload(random.bytes(20));
            int kind = random.random.nextInt(4);
            PacketBuilder outer = Frames.ipv6("2001:db8::fe", server);
            switch (kind) {
                case 0 -> outer.icmp().packetTooBig(mtu).quoting(inner);
                case 1 -> outer.icmp().parameterProblem(mtu).quoting(inner);
                case 2 -> outer.icmp().unreachable(4).quoting(inner);
                default -> outer.icmp().echoReply(mtu & 0xFFFF, round);
            }
            byte[] packet = outer.buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            Ipv6Header ip = new Ipv6Header().wrap(segment, 0);
            icmp.wrap(segment, 40);
            assertTrue(Checksums.verifies(ip.pseudoHeaderSum(IpProtocol.ICMPV6, packet.length - 40)
                    + Checksums.sum(segment, 40, packet.length - 40)));
            assertEquals(kind < 3, icmp.isError());
            switch (kind) {
                case 0 -> {
                    assertEquals(Icmpv6Header.PACKET_TOO_BIG, icmp.type());
                    assertEquals(mtu, icmp.mtu());
                }
                case 1 -> assertEquals(mtu, icmp.pointer());
                case 2 -> assertEquals(4, icmp.code());
                default -> {
                    assertEquals(Icmpv6Header.ECHO_REPLY, icmp.type());
                    assertEquals(mtu & 0xFFFF, icmp.identifier());
                    assertEquals(round, icmp.sequence());
                }
            }
            if (kind < 3) {
                quoted.wrap(segment, icmp.quotedPacketOffset());
                assertEquals(Addresses.word(Addresses.ip(server), 3), quoted.source(3));
                assertEquals(IpProtocol.UDP, quoted.nextHeader());
            }
        }
    }

    @Test
    void icmpSettersTurnARequestIntoTheBuildersReplyOrError() {
        IcmpHeader icmp = new IcmpHeader();
        Icmpv6Header icmpv6 = new Icmpv6Header();
        for (int round = 0; round < ROUNDS; round++) {
            int id = random.u16();
            int seq = random.u16();
            byte[] data = random.bytes(32);
            byte[] v4 = Frames.ipv4("10.0.0.1", "10.0.0.2").icmp().echoRequest(seq, id).payload(data).buildPacket();
            icmp.wrap(MemorySegment.ofArray(v4), 20).type(IcmpHeader.ECHO_REPLY).code(0).identifier(id).sequence(seq)
                    .updateChecksum(v4.length - 20);
            assertArrayEquals(Frames.ipv4("10.0.0.1", "10.0.0.2").icmp().echoReply(id, seq).payload(data).buildPacket(), v4);

            int mtu = random.u16();
            int pointer = random.u8();
            byte[] redone = Frames.ipv4("10.0.0.1", "10.0.0.2").icmp().echoRequest(1, 2).payload(data).buildPacket();
            icmp.wrap(MemorySegment.ofArray(redone), 20).type(IcmpHeader.DESTINATION_UNREACHABLE)
                    .code(IcmpHeader.CODE_FRAGMENTATION_NEEDED).rest(0).mtu(mtu).updateChecksum(redone.length - 20);
            assertArrayEquals(Frames.ipv4("10.0.0.1", "10.0.0.2").icmp().fragmentationNeeded(mtu).quoting(data)
                    .buildPacket(), redone);
            icmp.type(IcmpHeader.PARAMETER_PROBLEM).code(0).rest(0).pointer(pointer).updateChecksum(redone.length - 20);
            assertArrayEquals(Frames.ipv4("10.0.0.1", "10.0.0.2").icmp().parameterProblem(pointer).quoting(data)
                    .buildPacket(), redone);

            int bigMtu = random.u32();
            byte[] v6 = Frames.ipv6("2001:db8::1", "2001:db8::2").icmp().echoRequest(id, seq).payload(data).buildPacket();
            MemorySegment segment = MemorySegment.ofArray(v6);
            icmpv6.wrap(segment, 40).type(Icmpv6Header.PACKET_TOO_BIG).code(0).mtu(bigMtu).checksum(0);
            Ipv6Header ip = new Ipv6Header().wrap(segment, 0);
            icmpv6.checksum(Checksums.complement(ip.pseudoHeaderSum(IpProtocol.ICMPV6, v6.length - 40)
                    + Checksums.sum(segment, 40, v6.length - 40)));
            assertArrayEquals(Frames.ipv6("2001:db8::1", "2001:db8::2").icmp().packetTooBig(bigMtu).quoting(data)
                    .buildPacket(), v6);
        }
    }

    /** One random IPv4/TCP packet's values. */
    private static final class TcpValues {
        final String source;
        final String destination;
        final int tos;
        final int id;
        final boolean dontFragment;
        final int ttl;
        byte[] options;
        final int sourcePort;
        final int destinationPort;
        final int seq;
        final int ack;
        final int flags;
        final int window;
        byte[] tcpOptions;
        byte[] payload;
        private final RandomHeaders random;

        TcpValues(RandomHeaders random) {
            this.random = random;
            source = random.ipv4();
            destination = random.ipv4();
            tos = random.u8();
            id = random.u16();
            dontFragment = random.flip();
            ttl = random.u8();
            options = options(random.random.nextInt(11) * 4);
            sourcePort = random.port();
            destinationPort = random.port();
            seq = random.u32();
            ack = random.u32();
            flags = random.u8() | TcpHeader.ACK;
            window = random.u16();
            tcpOptions = options(random.random.nextInt(11) * 4);
            payload = random.bytes(100);
        }

        private byte[] options(int length) {
            byte[] bytes = new byte[length];
            random.random.nextBytes(bytes);
            return bytes;
        }

        TcpValues sameLengthsAs(TcpValues other) {
            options = options(other.options.length);
            tcpOptions = options(other.tcpOptions.length);
            payload = options(other.payload.length);
            return this;
        }

        PacketBuilder builder() {
            PacketBuilder builder = Frames.ipv4(source, destination).tos(tos).identification(id).ttl(ttl)
                    .ipOptions(options).tcp(sourcePort, destinationPort).seq(seq & 0xFFFF_FFFFL)
                    .ack(ack & 0xFFFF_FFFFL).flags(flags).window(window).tcpOptions(tcpOptions).payload(payload);
            return dontFragment ? builder.dontFragment() : builder;
        }
    }
}
