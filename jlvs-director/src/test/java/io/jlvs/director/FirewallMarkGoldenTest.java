package io.jlvs.director;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.MemoryPacketPort;
import io.jlvs.testkit.packet.Frames;
import io.jlvs.testkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.director.DirectorHarness.CLIENT;
import static io.jlvs.director.DirectorHarness.CLIENT_MAC;
import static io.jlvs.director.DirectorHarness.DIRECTOR_MAC;
import static io.jlvs.director.DirectorHarness.RS1;
import static io.jlvs.director.DirectorHarness.RS1_MAC;
import static io.jlvs.director.DirectorHarness.ROUTER_MAC;
import static io.jlvs.director.DirectorHarness.VIP;
import static io.jlvs.director.ForwardingGoldenTest.assertFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden packets of firewall-mark services: the port's copy of a frame the user's rules mark later
 * is left to the kernel, the marked copy netfilter hands up is scheduled on the mark's service, and
 * the connection then goes on as any other (a NAT reply by the port, the client's next packets
 * marked). Marked packets come as netfilter copies them: IP without L2, the checksum perhaps partial.
 */
class FirewallMarkGoldenTest {
    private static final int MARK = 1;

    private static PacketBuilder toVip() {
        return Frames.ipv4(CLIENT, VIP);
    }

    @Test
    void natMarkedConnectionIsScheduledOnTheMarksServiceAndItsReplyComesBackByThePort() {
        try (DirectorHarness director = new DirectorHarness().markService(MARK, "rr", ForwardMethod.MASQ, 8080, RS1)) {
            // the port sees the SYN before netfilter marks it: no service has VIP:80, the kernel's
            assertEquals(List.of(), director.send(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP)
                    .tcp(40000, 80).syn().seq(7).build()));
            assertEquals(1, director.counters().passedToKernel());

            List<byte[]> in = director.sendMarked(MARK, toVip().tcp(40000, 80).syn().seq(7).partialChecksum()
                    .buildPacket());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).tcp(40000, 8080).syn().seq(7)
                    .build()), in);

            List<byte[]> out = director.send(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv4(RS1, CLIENT).tcp(8080, 40000)
                    .syn().ackFlag().seq(100).ack(8).build());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, ROUTER_MAC).ipv4(VIP, CLIENT).tcp(80, 40000).syn()
                    .ackFlag().seq(100).ack(8).build()), out);

            // the client's ACK: the port's copy is the kernel's (it comes back marked), the marked one goes on
            assertEquals(List.of(), director.send(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP)
                    .tcp(40000, 80).ackFlag().seq(8).ack(101).payload(new byte[] {1, 2}).build()));
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).tcp(40000, 8080).ackFlag()
                    .seq(8).ack(101).payload(new byte[] {1, 2}).build()), director.sendMarked(MARK, toVip()
                    .tcp(40000, 80).ackFlag().seq(8).ack(101).payload(new byte[] {1, 2}).buildPacket()));

            ForwardingCounters counters = director.counters();
            assertEquals(2, counters.toRealServers());
            assertEquals(1, counters.toClients());
            assertEquals(2, counters.passedToKernel());
            assertEquals(0, counters.totalDrops());
        }
    }

    @Test
    void drMarkedPacketKeepsItsAddressesAndGetsAWholeChecksum() {
        try (DirectorHarness director = new DirectorHarness().markService(MARK, "rr", ForwardMethod.DROUTE, 80, RS1)) {
            List<byte[]> out = director.sendMarked(MARK, toVip().tcp(40000, 80).syn().seq(1).partialChecksum()
                    .buildPacket());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, VIP).tcp(40000, 80).syn().seq(1)
                    .build()), out);
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, VIP).udp(41000, 53)
                    .payload(new byte[] {9}).build()), director.sendMarked(MARK, toVip().udp(41000, 53)
                    .payload(new byte[] {9}).partialChecksum().buildPacket()));
            assertEquals(2, director.counters().toRealServers());
        }
    }

    @Test
    void aMarkedTcpPacketBiggerThanTheMtuGoesOutAsAGsoTrainOfMtuSizedSegments() {
        try (DirectorHarness director = new DirectorHarness().markService(MARK, "rr", ForwardMethod.MASQ, 8080, RS1)) {
            List<MemoryPacketPort.SentFrame> out = director.sendMarkedWithOffload(MARK, toVip().tcp(40000, 80).syn()
                    .payload(new byte[3000]).buildPacket());
            assertFrames(List.of(Frames.ethernet(DIRECTOR_MAC, RS1_MAC).ipv4(CLIENT, RS1).tcp(40000, 8080).syn()
                    .payload(new byte[3000]).partialChecksum().build()), out.stream().map(f -> f.bytes()).toList());
            assertEquals(new FrameOffload().partialChecksum(34, 16).segmentation(FrameOffload.GSO_TCPV4, 1460, 54)
                    .toString(), out.getFirst().offload().toString(), "1500 - 20 - 20 bytes a segment; the kernel cuts");
        }
    }

    @Test
    void aMarkedUdpDatagramBiggerThanTheMtuIsDroppedAndCounted() {
        try (DirectorHarness director = new DirectorHarness().markService(MARK, "rr", ForwardMethod.MASQ, 53, RS1)) {
            assertEquals(List.of(), director.sendMarked(MARK, toVip().udp(41000, 53).payload(new byte[2000])
                    .buildPacket()));
            assertEquals(1, director.counters().drops(DropReason.UNSUPPORTED_OFFLOAD));
        }
    }

    @Test
    void aMarkedCopyOfAnAddressServicesPacketIsNotSentTwice() {
        try (DirectorHarness director = new DirectorHarness()
                .service(Protocol.TCP, VIP, 80, "rr", ForwardMethod.DROUTE, 80, RS1)
                .markService(MARK, "rr", ForwardMethod.DROUTE, 80, RS1)) {
            byte[] syn = toVip().tcp(40000, 80).syn().buildPacket();
            assertEquals(1, director.send(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).tcp(40000, 80)
                    .syn().build()).size());
            assertEquals(List.of(), director.sendMarked(MARK, syn));
            ForwardingCounters counters = director.counters();
            assertEquals(1, counters.drops(DropReason.MARKED_COPY));
            assertEquals(1, counters.toRealServers());
        }
    }

    @Test
    void aMarkedLaterFragmentIsACopyOfWhatThePortForwards() {
        try (DirectorHarness director = new DirectorHarness().markService(MARK, "rr", ForwardMethod.DROUTE, 53, RS1)) {
            assertEquals(1, director.sendMarked(MARK, toVip().identification(9).fragment(0, true).udp(41000, 53)
                    .payload(new byte[16]).buildPacket()).size());
            byte[] later = Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).identification(9)
                    .fragment(24, false).protocol(17, new byte[16]).build();
            assertEquals(1, director.send(later).size(), "the port's copy follows its first fragment");
            assertEquals(List.of(), director.sendMarked(MARK, java.util.Arrays.copyOfRange(later, 14, later.length)));
            assertEquals(1, director.counters().drops(DropReason.MARKED_COPY));
        }
    }

    @Test
    void aMarkWithoutAServiceIsDroppedAsNoService() {
        try (DirectorHarness director = new DirectorHarness().markService(MARK, "rr", ForwardMethod.MASQ, 80, RS1)) {
            assertEquals(List.of(), director.sendMarked(2, toVip().tcp(40000, 80).syn().buildPacket()));
            assertEquals(1, director.counters().drops(DropReason.NO_SERVICE));
            assertTrue(director.counters().toRealServers() == 0);
        }
    }

    @Test
    void theWorkerClosesItsSourceOfMarkedPackets() {
        DirectorHarness director = new DirectorHarness();
        director.close();
        assertTrue(director.marked.closed());
    }
}
