package io.jlvs.testkit.packet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The one-line descriptions golden tables print, for frames of every kind the builder makes. */
class FrameDescriptionTest {
    private static final String A = "02:00:00:00:00:01";
    private static final String B = "02:00:00:00:00:02";

    static Stream<Arguments> frames() {
        byte[] syn = Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").tcp(1234, 80).syn().seq(1).build();
        return Stream.of(
                arguments(syn, "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 10.0.0.1:1234 > 10.0.0.2:80 TCP [S] seq 1"
                        + " win 65535 len 0 cksum ok"),
                arguments(Frames.ethernet(A, B).vlan(100).ipv4("10.0.0.2", "10.0.0.1").tcp(80, 1234).syn().seq(9)
                        .ack(2).payload(new byte[3]).corruptChecksum().build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 vlan 100 IPv4 10.0.0.2:80 > 10.0.0.1:1234 TCP [S.] seq 9"
                                + " ack 2 win 65535 len 3 cksum bad"),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").corruptIpChecksum().udp(53, 53)
                        .noUdpChecksum().payload(new byte[4]).build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 10.0.0.1:53 > 10.0.0.2:53 UDP len 4 cksum none"
                                + " ip-cksum bad"),
                arguments(Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2").hopByHop().udp(5, 53).build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv6 [2001:db8::1]:5 > [2001:db8::2]:53 UDP len 0"
                                + " cksum ok ext hbh"),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.254", "10.0.0.1").icmp().fragmentationNeeded(1480)
                        .quoting(Arrays.copyOf(Frames.ipv4("10.0.0.1", "10.1.0.1").tcp(1234, 80).buildPacket(), 28))
                        .build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 10.0.0.254 > 10.0.0.1 ICMP unreachable frag-needed"
                                + " mtu 1480 cksum ok quoting (IPv4 10.0.0.1:1234 > 10.1.0.1:80 truncated TCP)"),
                arguments(Frames.ethernet(A, B).ipv6("2001:db8::1", "2001:db8::2").icmp().echoRequest(7, 1).build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv6 [2001:db8::1] > [2001:db8::2] ICMPv6 echo request"
                                + " id 7 seq 1 cksum ok"),
                arguments(Frames.ethernet(A, B).ipv4("10.0.0.1", "10.0.0.2").identification(5).udp(1, 2)
                        .fragment(1480, false).payload(new byte[8]).build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 10.0.0.1 > 10.0.0.2 UDP fragment len 8 frag 5 off 1480"),
                arguments(Frames.ethernet(A, B).ipv4("192.0.2.1", "10.1.0.1").encapsulate(Frames.ipv4("10.0.0.1",
                        "10.0.0.100").tcp(1, 80).syn()).build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 192.0.2.1 > 10.1.0.1 IPIP (IPv4 10.0.0.1:1 >"
                                + " 10.0.0.100:80 TCP [S] seq 0 win 65535 len 0 cksum ok)"),
                arguments(Frames.ethernet(A, B).arp(1, A, "10.0.0.1", "00:00:00:00:00:00", "10.0.0.2").build(),
                        "02:00:00:00:00:01 > 02:00:00:00:00:02 ARP who-has 10.0.0.2 tell 10.0.0.1"),
                arguments(Arrays.copyOf(syn, 20), "02:00:00:00:00:01 > 02:00:00:00:00:02 truncated IPv4"),
                arguments(new byte[5], "truncated ethernet (5 bytes)"));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void describesAFrameOnOneLine(byte[] frame, String expected) {
        assertEquals(expected, FrameDescription.describe(frame));
    }
}
