package io.jlvs.packet;

import io.jlvs.testkit.packet.Addresses;
import io.jlvs.testkit.packet.Frames;
import io.jlvs.testkit.packet.InternetChecksum;
import io.jlvs.testkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checksums against the testkit's plain implementation and the builder's packets: sums over any
 * range, verification, and RFC 1624 updates that equal a full recomputation for seeded random
 * rewrites of addresses and ports, v4 and v6, full and partial fields.
 */
class ChecksumsTest {
    private static final int ROUNDS = 500;
    private final RandomHeaders random = new RandomHeaders(0x5EED_0002L);

    @Test
    void theSumOverAnyRangeEqualsThePlainSixteenBitSum() {
        for (int round = 0; round < ROUNDS * 4; round++) {
            byte[] bytes = random.bytes(200);
            int from = bytes.length == 0 ? 0 : random.random.nextInt(bytes.length);
            int length = random.random.nextInt(bytes.length - from + 1);
            long fast = Checksums.sum(MemorySegment.ofArray(bytes), from, length);
            long plain = InternetChecksum.sum(bytes, from, length);
            assertEquals(InternetChecksum.fold(plain), Checksums.fold(fast), "bytes " + bytes.length + " from " + from
                    + " length " + length);
        }
    }

    @Test
    void foldCarriesEveryBitAround() {
        assertEquals(0xFFFF, Checksums.fold(0xFFFFL));
        assertEquals(0x0001, Checksums.fold(0x10000L));
        assertEquals(InternetChecksum.fold(0xFFFF_FFFF_FFFFL), Checksums.fold(0xFFFF_FFFF_FFFFL));
        assertEquals(InternetChecksum.fold(0x7FFF_FFFF_FFFF_FFFFL), Checksums.fold(0x7FFF_FFFF_FFFF_FFFFL));
    }

    @Test
    void theBuildersPacketsVerify() {
        for (int round = 0; round < ROUNDS; round++) {
            boolean v6 = random.flip();
            PacketBuilder builder = v6 ? Frames.ipv6(random.ipv6(), random.ipv6()) : Frames.ipv4(random.ipv4(), random.ipv4());
            int protocol = switch (random.random.nextInt(3)) {
                case 0 -> {
                    builder.tcp(random.port(), random.port()).seq(random.u32() & 0xFFFF_FFFFL).syn();
                    yield IpProtocol.TCP;
                }
                case 1 -> {
                    builder.udp(random.port(), random.port());
                    yield IpProtocol.UDP;
                }
                default -> {
                    builder.icmp().echoRequest(random.u16(), random.u16());
                    yield v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
                }
            };
            byte[] packet = builder.payload(random.bytes(300)).buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            int headerLength = v6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
            int l4Length = packet.length - headerLength;
            long pseudo = v6 ? new Ipv6Header().wrap(segment, 0).pseudoHeaderSum(protocol, l4Length)
                    : protocol == IpProtocol.ICMP ? 0 : new Ipv4Header().wrap(segment, 0).pseudoHeaderSum();
            assertTrue(Checksums.verifies(pseudo + Checksums.sum(segment, headerLength, l4Length)), "round " + round);
            if (!v6) {
                assertTrue(new Ipv4Header().wrap(segment, 0).verifyChecksum());
            }
        }
    }

    @Test
    void aCorruptChecksumDoesNotVerify() {
        byte[] packet = Frames.ipv4("10.0.0.1", "10.0.0.2").corruptIpChecksum().tcp(1, 2).corruptChecksum().buildPacket();
        MemorySegment segment = MemorySegment.ofArray(packet);
        Ipv4Header ip = new Ipv4Header().wrap(segment, 0);
        assertFalse(ip.verifyChecksum());
        assertFalse(Checksums.verifies(ip.pseudoHeaderSum() + Checksums.sum(segment, 20, packet.length - 20)));
    }

    @Test
    void ipv4NatRewritesUpdateFullChecksumsAsARecomputationWould() {
        for (int round = 0; round < ROUNDS; round++) {
            boolean tcp = random.flip();
            String client = random.ipv4();
            String vip = random.ipv4();
            String real = random.ipv4();
            int clientPort = random.port();
            int vport = random.port();
            int rport = random.port();
            byte[] payload = random.bytes(64);
            byte[] packet = l4(Frames.ipv4(client, vip).ttl(64), tcp, clientPort, vport, payload).buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            Ipv4Header ip = new Ipv4Header().wrap(segment, 0);
            long checksumAt = 20 + (tcp ? TcpHeader.CHECKSUM_OFFSET : UdpHeader.CHECKSUM_OFFSET);

            // DNAT as IPVS masquerading does it: destination address and port, then TTL.
            int oldAddress = ip.destination();
            int newAddress = Addresses.ipv4Word(real);
            ip.rewriteDestination(newAddress).decrementTtl();
            int field = NetworkBytes.u16(segment, checksumAt);
            field = tcp ? Checksums.update32(field, oldAddress, newAddress) : Checksums.udpUpdate32(field, oldAddress, newAddress);
            field = tcp ? Checksums.update16(field, vport, rport) : Checksums.udpUpdate16(field, vport, rport);
            NetworkBytes.setU16(segment, 22, rport);
            NetworkBytes.setU16(segment, checksumAt, field);

            byte[] expected = l4(Frames.ipv4(client, real).ttl(63), tcp, clientPort, rport, payload).buildPacket();
            assertArrayEquals(expected, packet, "round " + round);
        }
    }

    @Test
    void ipv6NatRewritesUpdateFullChecksumsAsARecomputationWould() {
        for (int round = 0; round < ROUNDS; round++) {
            boolean tcp = random.flip();
            String client = random.ipv6();
            String vip = random.ipv6();
            String real = random.ipv6();
            int clientPort = random.port();
            int newClientPort = random.port();
            byte[] payload = random.bytes(64);
            byte[] packet = l4(Frames.ipv6(client, vip), tcp, clientPort, 443, payload).buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            Ipv6Header ip = new Ipv6Header().wrap(segment, 0);
            long checksumAt = 40 + (tcp ? TcpHeader.CHECKSUM_OFFSET : UdpHeader.CHECKSUM_OFFSET);

            // FULLNAT: both addresses and the source port change.
            byte[] n = Addresses.ip(real);
            byte[] c = Addresses.ip(vip);
            int field = NetworkBytes.u16(segment, checksumAt);
            field = update128(tcp, field, ip.destination(0), ip.destination(1), ip.destination(2), ip.destination(3),
                    Addresses.word(n, 0), Addresses.word(n, 1), Addresses.word(n, 2), Addresses.word(n, 3));
            field = update128(tcp, field, ip.source(0), ip.source(1), ip.source(2), ip.source(3),
                    Addresses.word(c, 0), Addresses.word(c, 1), Addresses.word(c, 2), Addresses.word(c, 3));
            field = tcp ? Checksums.update16(field, clientPort, newClientPort) : Checksums.udpUpdate16(field, clientPort, newClientPort);
            ip.destination(Addresses.word(n, 0), Addresses.word(n, 1), Addresses.word(n, 2), Addresses.word(n, 3));
            ip.source(Addresses.word(c, 0), Addresses.word(c, 1), Addresses.word(c, 2), Addresses.word(c, 3));
            NetworkBytes.setU16(segment, 40, newClientPort);
            NetworkBytes.setU16(segment, checksumAt, field);

            byte[] expected = l4(Frames.ipv6(vip, real), tcp, newClientPort, 443, payload).buildPacket();
            assertArrayEquals(expected, packet, "round " + round);
        }
    }

    @Test
    void partialFieldsFollowAddressChangesAndIgnorePortChanges() {
        for (int round = 0; round < ROUNDS; round++) {
            boolean tcp = random.flip();
            boolean v6 = random.flip();
            String client = v6 ? random.ipv6() : random.ipv4();
            String vip = v6 ? random.ipv6() : random.ipv4();
            String real = v6 ? random.ipv6() : random.ipv4();
            int port = random.port();
            int newPort = random.port();
            byte[] payload = random.bytes(64);
            byte[] packet = l4(ip(v6, client, vip), tcp, port, 80, payload).partialChecksum().buildPacket();
            MemorySegment segment = MemorySegment.ofArray(packet);
            int l3 = v6 ? 40 : 20;
            long checksumAt = l3 + (tcp ? TcpHeader.CHECKSUM_OFFSET : UdpHeader.CHECKSUM_OFFSET);
            int field = NetworkBytes.u16(segment, checksumAt);
            long pseudo = v6 ? new Ipv6Header().wrap(segment, 0).pseudoHeaderSum(tcp ? 6 : 17, packet.length - l3)
                    : new Ipv4Header().wrap(segment, 0).pseudoHeaderSum();
            assertEquals(Checksums.partial(pseudo), field, "the builder's partial field is the folded pseudo-header sum");

            byte[] n = Addresses.ip(real);
            if (v6) {
                Ipv6Header ip = new Ipv6Header().wrap(segment, 0);
                field = Checksums.partialUpdate128(field, ip.destination(0), ip.destination(1), ip.destination(2),
                        ip.destination(3), Addresses.word(n, 0), Addresses.word(n, 1), Addresses.word(n, 2),
                        Addresses.word(n, 3));
                ip.destination(Addresses.word(n, 0), Addresses.word(n, 1), Addresses.word(n, 2), Addresses.word(n, 3));
            } else {
                Ipv4Header ip = new Ipv4Header().wrap(segment, 0);
                field = Checksums.partialUpdate32(field, ip.destination(), Addresses.word(n, 0));
                ip.rewriteDestination(Addresses.word(n, 0));
            }
            NetworkBytes.setU16(segment, l3, newPort); // a port is not in the pseudo-header: the field stays
            NetworkBytes.setU16(segment, checksumAt, field);

            byte[] expected = l4(ip(v6, client, real), tcp, newPort, 80, payload).partialChecksum().buildPacket();
            assertArrayEquals(expected, packet, "round " + round);
        }
    }

    @Test
    void finishingAPartialChecksumGivesTheFullOne() {
        for (int round = 0; round < ROUNDS; round++) {
            boolean tcp = random.flip();
            boolean v6 = random.flip();
            String source = v6 ? random.ipv6() : random.ipv4();
            String destination = v6 ? random.ipv6() : random.ipv4();
            int sourcePort = random.port();
            int destinationPort = random.port();
            byte[] payload = random.bytes(300);
            byte[] packet = l4(ip(v6, source, destination), tcp, sourcePort, destinationPort, payload).partialChecksum()
                    .buildPacket();
            int l3 = v6 ? 40 : 20;
            long field = l3 + (tcp ? TcpHeader.CHECKSUM_OFFSET : UdpHeader.CHECKSUM_OFFSET);
            Checksums.finishPartial(MemorySegment.ofArray(packet), l3, packet.length - l3, field, !tcp);
            byte[] expected = l4(ip(v6, source, destination), tcp, sourcePort, destinationPort, payload).buildPacket();
            assertArrayEquals(expected, packet, "round " + round);
        }
    }

    @Test
    void udpOverIpv4WithoutAChecksumKeepsNone() {
        byte[] packet = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(53, 53).noUdpChecksum().payload(new byte[] {1, 2, 3})
                .buildPacket();
        MemorySegment segment = MemorySegment.ofArray(packet);
        UdpHeader udp = new UdpHeader().wrap(segment, 20);
        assertEquals(Checksums.UDP_NO_CHECKSUM, udp.checksum());
        assertEquals(Checksums.UDP_NO_CHECKSUM, Checksums.udpUpdate32(udp.checksum(), 0x0A000002, 0x0A000003));
        assertEquals(Checksums.UDP_NO_CHECKSUM, Checksums.udpUpdate16(udp.checksum(), 53, 5353));
        assertEquals(0xFFFF, Checksums.udp(0));
        assertEquals(0x1234, Checksums.udp(0x1234));
    }

    @Test
    void aUdpUpdateLandingOnZeroIsSentAsAllOnes() {
        // update16 from checksum 0x0001 by adding 1 to a word gives 0; UDP sends that as 0xFFFF.
        assertEquals(0, Checksums.update16(0x0001, 0x0000, 0x0001));
        assertEquals(0xFFFF, Checksums.udpUpdate16(0x0001, 0x0000, 0x0001));
    }

    private static int update128(boolean tcp, int field, int o0, int o1, int o2, int o3, int n0, int n1, int n2, int n3) {
        return tcp ? Checksums.update128(field, o0, o1, o2, o3, n0, n1, n2, n3)
                : Checksums.udpUpdate128(field, o0, o1, o2, o3, n0, n1, n2, n3);
    }

    private static PacketBuilder ip(boolean v6, String source, String destination) {
        return v6 ? Frames.ipv6(source, destination) : Frames.ipv4(source, destination);
    }

    private static PacketBuilder l4(PacketBuilder builder, boolean tcp, int sourcePort, int destinationPort, byte[] payload) {
        return (tcp ? builder.tcp(sourcePort, destinationPort).ack(7).psh() : builder.udp(sourcePort, destinationPort))
                .payload(payload);
    }
}
