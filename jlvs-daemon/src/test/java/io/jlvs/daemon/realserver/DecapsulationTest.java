package io.jlvs.daemon.realserver;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tunnel end's verdict per packet, as a golden table: {what, packet as the raw socket hands it
 * over, inner packet's offset or the drop reason}.
 */
class DecapsulationTest {
    private static final VipSet VIPS = new VipSet(List.of(InetAddress.ofLiteral("10.0.0.100"),
            InetAddress.ofLiteral("2001:db8::100")));
    private static final String CLIENT = "c000020a";
    private static final String VIP = "0a000064";
    private static final String OTHER = "0a000065";
    private static final String VIP6 = "20010db8000000000000000000000100";
    private static final String CLIENT6 = "20010db8000000000000000000000abc";

    /** An IPv4 header with the given header length in words, protocol and addresses (checksums do not matter here). */
    private static String ipv4(int words, int protocol, String source, String destination, int payload) {
        String options = "01".repeat((words - 5) * 4);
        return String.format("4%x00%04x00014000%02x%02x0000", words, words * 4 + payload, 64, protocol) + source
                + destination + options;
    }

    private static String ipv6(int nextHeader, String source, String destination, int payload) {
        return String.format("60000000%04x%02x40", payload, nextHeader) + source + destination;
    }

    private static final String UDP = "15b31e610010000068656c6c6f2d766970"; // 5555 -> 7777, "hello-vip"

    record Row(String what, boolean outerIpv4, int protocol, String packet, long verdict, Decapsulation.Drop drop) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Row> table() {
        String inner = ipv4(5, 17, CLIENT, VIP, UDP.length() / 2) + UDP;
        String inner6 = ipv6(17, CLIENT6, VIP6, UDP.length() / 2) + UDP;
        return Stream.of(
                new Row("IPIP to a VIP: inner packet after the 20-byte outer header", true, 4,
                        ipv4(5, 4, "0a4d0001", "0a4d0002", inner.length() / 2) + inner, 20, null),
                new Row("IPIP with outer options (IHL 6): inner packet at 24", true, 4,
                        ipv4(6, 4, "0a4d0001", "0a4d0002", inner.length() / 2) + inner, 24, null),
                new Row("IPIP to an address that is no VIP", true, 4,
                        ipv4(5, 4, "0a4d0001", "0a4d0002", 45) + ipv4(5, 17, CLIENT, OTHER, 17) + UDP, -1,
                        Decapsulation.Drop.NOT_FOR_A_VIP),
                new Row("IPIP whose inner packet is IPv6", true, 4,
                        ipv4(5, 4, "0a4d0001", "0a4d0002", inner6.length() / 2) + inner6, -1,
                        Decapsulation.Drop.INNER_VERSION_MISMATCH),
                new Row("IPv6 in IPv4 (protocol 41) to an IPv6 VIP", true, 41,
                        ipv4(5, 41, "0a4d0001", "0a4d0002", inner6.length() / 2) + inner6, 20, null),
                new Row("IPIP cut inside the inner header", true, 4,
                        ipv4(5, 4, "0a4d0001", "0a4d0002", 10) + inner.substring(0, 20), -1,
                        Decapsulation.Drop.TRUNCATED),
                new Row("shorter than an IPv4 header", true, 4, "4500001c", -1, Decapsulation.Drop.TRUNCATED),
                new Row("outer header claims 60 bytes, has 24", true, 4,
                        ipv4(15, 4, "0a4d0001", "0a4d0002", 0).substring(0, 48), -1, Decapsulation.Drop.TRUNCATED),
                new Row("outer version 6 on an IPv4 socket", true, 4, "6" + ipv4(5, 4, CLIENT, VIP, 0).substring(1), -1,
                        Decapsulation.Drop.NOT_A_TUNNEL_PACKET),
                new Row("outer IPv4 carrying GRE (47)", true, 47,
                        ipv4(5, 47, "0a4d0001", "0a4d0002", inner.length() / 2) + inner, -1,
                        Decapsulation.Drop.NOT_A_TUNNEL_PACKET),
                new Row("IPv6-in-IPv6 payload to an IPv6 VIP: inner packet at 0", false, 41, inner6, 0, null),
                new Row("IPv6-in-IPv6 payload to an address that is no VIP", false, 41,
                        ipv6(17, CLIENT6, CLIENT6, 17) + UDP, -1, Decapsulation.Drop.NOT_FOR_A_VIP),
                new Row("IPv4-in-IPv6 payload to an IPv4 VIP", false, 4, inner, 0, null),
                new Row("empty IPv6 payload", false, 41, "", -1, Decapsulation.Drop.TRUNCATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void verdict(Row row) {
        Decapsulation decapsulation = new Decapsulation(VIPS);
        byte[] bytes = HexFormat.of().parseHex(row.packet());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(2048);
            MemorySegment.copy(MemorySegment.ofBuffer(ByteBuffer.wrap(bytes)), 0, buffer, 0, bytes.length);

            long verdict = row.outerIpv4() ? decapsulation.innerOfIpv4(buffer, bytes.length)
                    : decapsulation.innerOfIpv6Payload(buffer, bytes.length, row.protocol());

            assertEquals(row.verdict(), verdict);
            for (Decapsulation.Drop drop : Decapsulation.Drop.values()) {
                assertEquals(drop == row.drop() ? 1 : 0, decapsulation.drops(drop), drop.name());
            }
        }
    }
}
