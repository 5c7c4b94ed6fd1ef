package io.jlvs.director;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.testkit.packet.FrameDescription;
import io.jlvs.testkit.packet.Frames;
import io.jlvs.testkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.director.DirectorHarness.CLIENT;
import static io.jlvs.director.DirectorHarness.CLIENT6;
import static io.jlvs.director.DirectorHarness.CLIENT_MAC;
import static io.jlvs.director.DirectorHarness.DIRECTOR;
import static io.jlvs.director.DirectorHarness.DIRECTOR_MAC;
import static io.jlvs.director.DirectorHarness.RS1;
import static io.jlvs.director.DirectorHarness.RS1_6;
import static io.jlvs.director.DirectorHarness.RS1_MAC;
import static io.jlvs.director.DirectorHarness.RS2;
import static io.jlvs.director.DirectorHarness.RS2_MAC;
import static io.jlvs.director.DirectorHarness.ROUTER_MAC;
import static io.jlvs.director.DirectorHarness.VIP;
import static io.jlvs.director.DirectorHarness.VIP6;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden packets through one worker, Katran's shape: a frame in, the frames out (compared as
 * one-line descriptions, then byte for byte), and the counters. Expected frames are built with the
 * test builder, which shares no code with the engine.
 */
class ForwardingGoldenTest {

    private static PacketBuilder fromClient() {
        return Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC);
    }

    static void assertFrames(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.stream().map(FrameDescription::describe).toList(),
                actual.stream().map(FrameDescription::describe).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(DirectorHarness.hex(expected.get(i)), DirectorHarness.hex(actual.get(i)), "frame " + i);
        }
    }

    @Test
    void drRewritesOnlyTheEthernetDestination() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.DROUTE, 80, RS1)) {
            PacketBuilder syn = fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().seq(1);
            List<byte[]> out = director.send(syn.build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, VIP).tcp(40000, 80).syn().seq(1)
                    .build()), out);
            assertEquals(1, director.counters().toRealServers());
        }
    }

    @Test
    void drKeepsAVlanTag() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.DROUTE, 80, RS1)) {
            List<byte[]> out = director.send(fromClient().vlan(7).ipv4(CLIENT, VIP).tcp(40000, 80).syn().build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).vlan(7).ipv4(CLIENT, VIP).tcp(40000, 80).syn()
                    .build()), out);
        }
    }

    @Test
    void natRewritesTheDestinationAndTheReplysSource() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.MASQ, 8080, RS1)) {
            List<byte[]> in = director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().seq(7).build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).tcp(40000, 8080).syn().seq(7)
                    .build()), in);

            List<byte[]> out = director.send(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv4(RS1, CLIENT).tcp(8080, 40000)
                    .syn().ackFlag().seq(100).ack(8).payload(new byte[]{1, 2, 3}).build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, ROUTER_MAC).ipv4(VIP, CLIENT).tcp(80, 40000).syn()
                    .ackFlag().seq(100).ack(8).payload(new byte[]{1, 2, 3}).build()), out);
            ForwardingCounters counters = director.counters();
            assertEquals(1, counters.toRealServers());
            assertEquals(1, counters.toClients());
        }
    }

    @Test
    void natOverIpv6() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP6, 443, "rr", ForwardMethod.MASQ, 8443, RS1_6)) {
            List<byte[]> in = director.send(fromClient().ipv6(CLIENT6, VIP6).tcp(40000, 443).syn().build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv6(CLIENT6, RS1_6).tcp(40000, 8443).syn()
                    .build()), in);
            List<byte[]> out = director.send(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv6(RS1_6, CLIENT6)
                    .tcp(8443, 40000).syn().ackFlag().build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, ROUTER_MAC).ipv6(VIP6, CLIENT6).tcp(443, 40000).syn()
                    .ackFlag().build()), out);
        }
    }

    @Test
    void natUdpKeepsAnAbsentChecksumAbsent() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.UDP, VIP, 53, "rr", ForwardMethod.MASQ, 5353, RS1)) {
            byte[] query = {9, 9, 9};
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).udp(41000, 5353)
                    .payload(query).build()), director.send(fromClient().ipv4(CLIENT, VIP).udp(41000, 53).payload(query)
                    .build()));
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).udp(41001, 5353)
                    .payload(query).noUdpChecksum().build()), director.send(fromClient().ipv4(CLIENT, VIP)
                    .udp(41001, 53).payload(query).noUdpChecksum().build()));
        }
    }

    @Test
    void tunWrapsThePacketInIpipFromTheDirectorsAddress() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.TUNNEL, 80, RS1)) {
            PacketBuilder syn = Frames.ipv4(CLIENT, VIP).dontFragment().tcp(40000, 80).syn();
            List<byte[]> out = director.send(fromClient().ipv4(CLIENT, VIP).dontFragment().tcp(40000, 80).syn().build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(DIRECTOR, RS1).dontFragment()
                    .encapsulate(syn).build()), out);
        }
    }

    @Test
    void tunSendsFragmentationNeededForADfPacketThatNoLongerFits() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.TUNNEL, 80, RS1)) {
            PacketBuilder full = Frames.ipv4(CLIENT, VIP).dontFragment().tcp(40000, 80).syn().payload(new byte[1460]);
            byte[] packet = full.buildPacket();
            List<byte[]> out = director.send(fromClient().ipv4(CLIENT, VIP).dontFragment().tcp(40000, 80).syn()
                    .payload(new byte[1460]).build());
            byte[] quoted = java.util.Arrays.copyOf(packet, 576 - 28);
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, ROUTER_MAC).ipv4(VIP, CLIENT).icmp()
                    .fragmentationNeeded(1480).quoting(quoted).build()), out);
            assertEquals(1, director.counters().drops(DropReason.TOO_BIG));
        }
    }

    @Test
    void roundRobinSpreadsNewConnectionsAndKeepsEachOnItsServer() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.DROUTE, 80, RS1, RS2)) {
            List<byte[]> first = director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().build());
            List<byte[]> second = director.send(fromClient().ipv4(CLIENT, VIP).tcp(40001, 80).syn().build());
            List<byte[]> firstAgain = director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).ackFlag().build());
            String a = destinationMac(first.getFirst());
            String b = destinationMac(second.getFirst());
            assertEquals(java.util.Set.of(RS1_MAC, RS2_MAC), java.util.Set.of(a, b));
            assertEquals(a, destinationMac(firstAgain.getFirst()), "the connection stays on its server");
        }
    }

    private static String destinationMac(byte[] frame) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            text.append(i == 0 ? "" : ":").append(String.format("%02x", frame[i] & 0xFF));
        }
        return text.toString();
    }

    @Test
    void whatIsNotForAServiceIsLeftOrDroppedAndCounted() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.MASQ, 80, RS1)) {
            assertEquals(List.of(), director.send(
                    fromClient().ipv4(CLIENT, VIP).tcp(40000, 81).syn().build(),
                    fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).ackFlag().build(),
                    fromClient().ipv4(CLIENT, VIP).udp(40000, 80).build(),
                    fromClient().ipv4(CLIENT, "10.0.0.7").tcp(40000, 80).syn().build(),
                    fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().truncate(30).build(),
                    fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().corruptIpChecksum().build()));
            ForwardingCounters counters = director.counters();
            assertEquals(2, counters.drops(DropReason.NO_SERVICE), "port 81 and UDP port 80 of the VIP");
            assertEquals(1, counters.drops(DropReason.NO_CONNECTION), "an ACK of no connection");
            assertEquals(1, counters.passedToKernel(), "another host's packet is the kernel's");
            assertEquals(1, counters.malformed(io.jlvs.packet.FrameVerdict.TRUNCATED_IPV4));
            assertEquals(1, counters.malformed(io.jlvs.packet.FrameVerdict.BAD_IPV4_CHECKSUM));
            assertEquals(6, counters.received());
        }
    }

    @Test
    void fullNatRewritesBothEndsAndTheReplyFindsItsWayBack() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.FULLNAT, 8080, RS1)) {
            director.apply(new io.jlvs.core.engine.EngineCommand.AddLocalAddress(
                    new io.jlvs.core.model.ServiceKey.Address(Protocol.TCP, java.net.InetAddress.ofLiteral(VIP), 80),
                    java.net.InetAddress.ofLiteral(DirectorHarness.LOCAL)));
            List<byte[]> in = director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().build());
            assertEquals(1, in.size());
            int localPort = ((in.getFirst()[34] & 0xFF) << 8) | (in.getFirst()[35] & 0xFF);
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(DirectorHarness.LOCAL, RS1)
                    .tcp(localPort, 8080).syn().build()), in);
            List<byte[]> out = director.send(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv4(RS1, DirectorHarness.LOCAL)
                    .tcp(8080, localPort).syn().ackFlag().build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, ROUTER_MAC).ipv4(VIP, CLIENT).tcp(80, 40000).syn()
                    .ackFlag().build()), out);
            List<byte[]> second = director.send(fromClient().ipv4(CLIENT, VIP).tcp(40001, 80).syn().build());
            int secondPort = ((second.getFirst()[34] & 0xFF) << 8) | (second.getFirst()[35] & 0xFF);
            org.junit.jupiter.api.Assertions.assertNotEquals(localPort, secondPort, "each connection its own port");
        }
    }

    @Test
    void fullNatWithoutALocalAddressDropsAndCounts() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.FULLNAT, 80, RS1)) {
            assertEquals(List.of(), director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().build()));
            assertEquals(1, director.counters().drops(DropReason.NO_LOCAL_ADDRESS));
        }
    }

    @Test
    void aPartialChecksumFollowsTheAddressesAndTheOffloadGoesOut() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.MASQ, 8080, RS1)) {
            io.jlvs.packet.io.FrameOffload offload = new io.jlvs.packet.io.FrameOffload()
                    .partialChecksum(34, 16).segmentation(io.jlvs.packet.io.FrameOffload.GSO_TCPV4, 1448, 66);
            List<io.jlvs.packet.io.MemoryPacketPort.SentFrame> out = director.sendWithOffload(fromClient()
                    .ipv4(CLIENT, VIP).tcp(40000, 80).syn().payload(new byte[3000]).partialChecksum().build(), offload);
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).tcp(40000, 8080).syn()
                    .payload(new byte[3000]).partialChecksum().build()), out.stream().map(f -> f.bytes()).toList());
            assertEquals(offload.toString(), out.getFirst().offload().toString(), "the kernel finishes the checksum");
        }
    }

    @Test
    void tunFinishesAPartialChecksumBeforeWrappingThePacket() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.TUNNEL, 80, RS1)) {
            io.jlvs.packet.io.FrameOffload offload = new io.jlvs.packet.io.FrameOffload().partialChecksum(34, 16);
            List<io.jlvs.packet.io.MemoryPacketPort.SentFrame> out = director.sendWithOffload(fromClient()
                    .ipv4(CLIENT, VIP).tcp(40000, 80).syn().payload(new byte[]{5, 6, 7}).partialChecksum().build(),
                    offload);
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(DIRECTOR, RS1)
                    .encapsulate(Frames.ipv4(CLIENT, VIP).tcp(40000, 80).syn().payload(new byte[]{5, 6, 7})).build()),
                    out.stream().map(f -> f.bytes()).toList());
            assertEquals(true, out.getFirst().offload().isPlain(), "nothing is left for the kernel to finish");
        }
    }

    @Test
    void anIcmpErrorFromARealServerReachesTheClientFromTheVip() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.UDP, VIP, 53, "rr", ForwardMethod.MASQ, 5353, RS1)) {
            director.send(fromClient().ipv4(CLIENT, VIP).udp(41000, 53).payload(new byte[]{1}).build());
            byte[] asReceived = Frames.ipv4(CLIENT, RS1).udp(41000, 5353).payload(new byte[]{1}).buildPacket();
            List<byte[]> out = director.send(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv4(RS1, CLIENT).icmp()
                    .unreachable(3).quoting(asReceived).build());
            // the quoted datagram's own UDP checksum is left as it was, as the kernel leaves it
            byte[] quotedAsSent = Frames.ipv4(CLIENT, VIP).udp(41000, 53).payload(new byte[]{1}).buildPacket();
            quotedAsSent[26] = asReceived[26];
            quotedAsSent[27] = asReceived[27];
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, ROUTER_MAC).ipv4(VIP, CLIENT).icmp().unreachable(3)
                    .quoting(quotedAsSent).build()), out);
        }
    }

    @Test
    void anIcmpErrorFromTheClientSideReachesTheRealServer() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.MASQ, 8080, RS1)) {
            director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().build());
            byte[] reply = Frames.ipv4(VIP, CLIENT).tcp(80, 40000).syn().ackFlag().buildPacket();
            List<byte[]> out = director.send(Frames.ethernet(ROUTER_MAC, DIRECTOR_MAC).ipv4("172.16.0.1", VIP).icmp()
                    .fragmentationNeeded(1400).quoting(reply).build());
            byte[] quoted = Frames.ipv4(RS1, CLIENT).tcp(8080, 40000).syn().ackFlag().buildPacket();
            quoted[36] = reply[36];
            quoted[37] = reply[37];
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4("172.16.0.1", RS1).icmp()
                    .fragmentationNeeded(1400).quoting(quoted).build()), out);
        }
    }

    @Test
    void anIcmpErrorAboutNoConnectionToTheVipIsCounted() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.MASQ, 8080, RS1)) {
            byte[] reply = Frames.ipv4(VIP, CLIENT).tcp(80, 40000).syn().ackFlag().buildPacket();
            assertEquals(List.of(), director.send(Frames.ethernet(ROUTER_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).icmp()
                    .unreachable(3).quoting(reply).build(),
                    fromClient().ipv4(CLIENT, VIP).icmp().echoRequest(1, 1).build()));
            assertEquals(1, director.counters().drops(DropReason.ICMP_NO_CONNECTION));
            assertEquals(1, director.counters().passedToKernel(), "a ping to the VIP is the kernel's to answer");
        }
    }

    @Test
    void aBatchLargerThanTheTransmitRingIsSentWhole() {
        try (DirectorHarness director = new DirectorHarness(1500, 2)
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.DROUTE, 80, RS1)) {
            director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().build()); // the next hop is known
            List<byte[]> out = director.send(fromClient().ipv4(CLIENT, VIP).tcp(40001, 80).syn().build(),
                    fromClient().ipv4(CLIENT, VIP).tcp(40002, 80).syn().build(),
                    fromClient().ipv4(CLIENT, VIP).tcp(40003, 80).syn().build(),
                    fromClient().ipv4(CLIENT, VIP).tcp(40004, 80).syn().build(),
                    fromClient().ipv4(CLIENT, VIP).tcp(40005, 80).syn().build());
            assertEquals(5, out.size());
            assertEquals(0, director.counters().drops(DropReason.TRANSMIT_RING_FULL));
        }
    }

    @Test
    void tunCutsAClientsTsoTrainIntoSegmentsEachInItsOwnTunnelPacket() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.TUNNEL, 80, RS1)) {
            byte[] data = new byte[3000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7);
            }
            director.send(fromClient().ipv4(CLIENT, VIP).tcp(40000, 80).syn().seq(999).build());
            io.jlvs.packet.io.FrameOffload offload = new io.jlvs.packet.io.FrameOffload().partialChecksum(34, 16)
                    .segmentation(io.jlvs.packet.io.FrameOffload.GSO_TCPV4, 1400, 54);
            List<io.jlvs.packet.io.MemoryPacketPort.SentFrame> out = director.sendWithOffload(fromClient()
                    .ipv4(CLIENT, VIP).identification(500).tcp(40000, 80).ackFlag().psh().fin().seq(1000)
                    .payload(data).partialChecksum().build(), offload);
            List<byte[]> expected = new java.util.ArrayList<>();
            int[][] cuts = {{0, 1400}, {1400, 2800}, {2800, 3000}};
            for (int i = 0; i < cuts.length; i++) {
                PacketBuilder segment = Frames.ipv4(CLIENT, VIP).identification(500 + i).tcp(40000, 80).ackFlag()
                        .seq(1000 + cuts[i][0]).payload(java.util.Arrays.copyOfRange(data, cuts[i][0], cuts[i][1]));
                if (i == cuts.length - 1) {
                    segment.psh().fin();
                }
                expected.add(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(DIRECTOR, RS1).identification(1 + i)
                        .encapsulate(segment).build());
            }
            assertFrames(expected, out.stream().map(f -> f.bytes()).toList());
            out.forEach(f -> assertEquals(true, f.offload().isPlain(), "each segment leaves finished"));
        }
    }

    @Test
    void laterFragmentsFollowTheirFirstFragmentsConnection() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.UDP, VIP, 53, "rr", ForwardMethod.MASQ, 5353, RS1)) {
            byte[] head = new byte[24];
            byte[] tail = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            List<byte[]> out = director.send(
                    fromClient().ipv4(CLIENT, VIP).identification(77).fragment(0, true).udp(41000, 53).payload(head)
                            .build(),
                    fromClient().ipv4(CLIENT, VIP).identification(77).fragment(32, false).protocol(17, tail).build(),
                    fromClient().ipv4(CLIENT, VIP).identification(78).fragment(32, false).protocol(17, tail).build());
            assertFrames(List.of(
                    Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).identification(77).fragment(0, true)
                            .udp(41000, 5353).payload(head).build(),
                    Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).identification(77).fragment(32, false)
                            .protocol(17, tail).build()), out);
            assertEquals(1, director.counters().drops(DropReason.FRAGMENT), "a fragment of no datagram seen");
        }
    }
}
