package io.jlvs.proxy.header;

import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.testkit.Seeds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PROXY header byte for byte. Every vector was worked out by hand from haproxy's
 * doc/proxy-protocol.txt (sections 2.1 and 2.2), not from the encoder.
 */
class ProxyHeaderTest {

    private static InetSocketAddress at(String literal, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(literal), port);
    }

    private static String v1(InetSocketAddress source, InetSocketAddress destination) {
        ByteBuf out = Unpooled.buffer(0);
        ProxyHeader.writeV1(out, source, destination);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String v2(InetSocketAddress source, InetSocketAddress destination) {
        ByteBuf out = Unpooled.buffer(0);
        ProxyHeader.writeV2(out, source, destination);
        return ByteBufUtil.hexDump(out);
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}:{3}")
    @CsvSource(delimiter = '|', textBlock = """
        # the spec's own example
        192.168.0.1           | 56324 | 192.168.0.11          | 443   | PROXY TCP4 192.168.0.1 192.168.0.11 56324 443
        # the spec's longest IPv4 line (56 characters with CRLF)
        255.255.255.255       | 65535 | 255.255.255.255       | 65535 | PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535
        # no leading zeros in octets or ports
        10.0.0.1              | 0     | 10.1.2.3              | 8     | PROXY TCP4 10.0.0.1 10.1.2.3 0 8
        0.0.0.0               | 10    | 100.20.3.99           | 100   | PROXY TCP4 0.0.0.0 100.20.3.99 10 100
        # IPv6 in RFC 5952's form: lower case, no leading zeros, the longest zero run as ::
        2001:db8::1           | 40000 | 2001:db8::11          | 443   | PROXY TCP6 2001:db8::1 2001:db8::11 40000 443
        2001:0DB8:00AB:0C00:0:0:0:1 | 1 | ::1                 | 9     | PROXY TCP6 2001:db8:ab:c00::1 ::1 1 9
        ::                    | 1     | fe80::                | 2     | PROXY TCP6 :: fe80:: 1 2
        2001:db8:0:0:1:0:0:1  | 1     | 2001:0:0:1:0:0:0:1    | 2     | PROXY TCP6 2001:db8::1:0:0:1 2001:0:0:1::1 1 2
        2001:db8:0:1:1:1:1:1  | 1     | 1:0:2:0:3:0:4:0       | 2     | PROXY TCP6 2001:db8:0:1:1:1:1:1 1:0:2:0:3:0:4:0 1 2
        # different families: the IPv4 end as its IPv4-mapped IPv6 address
        10.0.0.1              | 1234  | 2001:db8::1           | 80    | PROXY TCP6 ::ffff:a00:1 2001:db8::1 1234 80
        """)
    void version1IsOneAsciiLine(String source, int sourcePort, String destination, int destinationPort, String line) {
        assertEquals(line + "\r\n", v1(at(source, sourcePort), at(destination, destinationPort)));
    }

    @Test
    void theLongestVersion1LineIsTheSpecs104CharacterIpv6Line() {
        String all = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        String line = v1(at(all, 65535), at(all, 65535));

        assertEquals("PROXY TCP6 " + all + " " + all + " 65535 65535\r\n", line);
        assertEquals(104, line.length());
        assertTrue(line.length() <= ProxyHeader.V1_MAX_LENGTH);
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}:{3}")
    @CsvSource(delimiter = '|', textBlock = """
        # signature                | ver/cmd, fam/proto, length | src | dst | sport | dport
        192.168.0.1  | 56324 | 192.168.0.11 | 443   | 0d0a0d0a000d0a515549540a 21 11 000c c0a80001 c0a8000b dc04 01bb
        10.0.0.1     | 0     | 10.255.0.2   | 65535 | 0d0a0d0a000d0a515549540a 21 11 000c 0a000001 0aff0002 0000 ffff
        2001:db8::1  | 40000 | 2001:db8::11 | 443   | 0d0a0d0a000d0a515549540a 21 21 0024 20010db8000000000000000000000001 20010db8000000000000000000000011 9c40 01bb
        ::1          | 1     | fe80::1:2    | 258   | 0d0a0d0a000d0a515549540a 21 21 0024 00000000000000000000000000000001 fe800000000000000000000000010002 0001 0102
        10.0.0.1     | 1234  | 2001:db8::1  | 80    | 0d0a0d0a000d0a515549540a 21 21 0024 00000000000000000000ffff0a000001 20010db8000000000000000000000001 04d2 0050
        """)
    void version2IsTheSignatureThenProxyOverTcpThenAddressesAndPorts(String source, int sourcePort, String destination,
                                                                     int destinationPort, String hex) {
        assertEquals(hex.replace(" ", ""), v2(at(source, sourcePort), at(destination, destinationPort)));
    }

    @Test
    void version2LengthsAreSixteenPlusTheAddressBlock() {
        ByteBuf out = Unpooled.buffer();
        ProxyHeader.writeV2(out, at("10.0.0.1", 1), at("10.0.0.2", 2));
        assertEquals(ProxyHeader.V2_IPV4_LENGTH, out.readableBytes());
        assertEquals(ProxyHeader.V2_IPV4_LENGTH - 16, out.getUnsignedShort(ProxyHeader.V2_LENGTH_OFFSET));

        out.clear();
        ProxyHeader.writeV2(out, at("::1", 1), at("::2", 2));
        assertEquals(ProxyHeader.V2_IPV6_LENGTH, out.readableBytes());
        assertEquals(ProxyHeader.V2_IPV6_LENGTH - 16, out.getUnsignedShort(ProxyHeader.V2_LENGTH_OFFSET));
    }

    @Test
    void aHeaderIsAppendedAfterWhatTheBufferHoldsAndGrowsItFromZeroCapacity() {
        ByteBuf out = Unpooled.buffer(0);
        out.writeBytes(new byte[] {1, 2, 3});
        out.readByte();

        ProxyHeader.writeV2(out, at("192.168.0.1", 56324), at("192.168.0.11", 443));
        ProxyHeader.writeV1(out, at("192.168.0.1", 56324), at("192.168.0.11", 443));

        assertEquals(1, out.readerIndex());
        assertEquals(3 + 28 + 47, out.writerIndex());
        assertEquals("0203" + "0d0a0d0a000d0a515549540a", ByteBufUtil.hexDump(out, 1, 14));
        assertEquals("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n",
                out.toString(3 + 28, 47, StandardCharsets.US_ASCII));
    }

    @Test
    void writeDispatchesOnTheServicesSettingAndNoneWritesNothing() {
        InetSocketAddress client = at("192.168.0.1", 56324);
        InetSocketAddress vip = at("192.168.0.11", 443);
        ByteBuf out = Unpooled.buffer();

        ProxyHeader.write(ProxyProtocol.NONE, out, client, vip);
        assertEquals(0, out.readableBytes());

        ProxyHeader.write(ProxyProtocol.V1, out, client, vip);
        assertEquals(v1(client, vip), out.toString(StandardCharsets.US_ASCII));

        out.clear();
        ProxyHeader.write(ProxyProtocol.V2, out, client, vip);
        assertEquals(v2(client, vip), ByteBufUtil.hexDump(out));
    }

    @Test
    void anUnresolvedAddressIsRefused() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.invalid", 80);
        ByteBuf out = Unpooled.buffer();

        assertThrows(IllegalArgumentException.class, () -> ProxyHeader.writeV1(out, unresolved, at("10.0.0.1", 80)));
        assertThrows(IllegalArgumentException.class, () -> ProxyHeader.writeV2(out, at("10.0.0.1", 80), unresolved));
        assertEquals(0, out.writerIndex(), "nothing is written before the check");
    }

    @Test
    void everyVersion1Ipv6AddressReadsBackAsItselfAndEveryLineFits() {
        long seed = Seeds.seed(20260501L);
        RandomGenerator random = Seeds.random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] a = new byte[16];
            byte[] b = new byte[16];
            random.nextBytes(a);
            random.nextBytes(b);
            // zero some groups so that runs of every length and place occur
            for (int g = 0; g < 8; g++) {
                if (random.nextInt(3) == 0) {
                    a[2 * g] = 0;
                    a[2 * g + 1] = 0;
                }
                if (random.nextInt(2) == 0) {
                    b[2 * g] = 0;
                    b[2 * g + 1] = 0;
                }
            }
            InetSocketAddress source = new InetSocketAddress(address(a), random.nextInt(65536));
            InetSocketAddress destination = new InetSocketAddress(address(b), random.nextInt(65536));

            String line = v1(source, destination);

            String[] fields = line.substring(0, line.length() - 2).split(" ");
            String context = "seed " + seed + ": " + line;
            assertEquals(6, fields.length, context);
            assertEquals("TCP6", fields[1], context);
            assertEquals(source.getAddress(), InetAddress.ofLiteral(fields[2]), context);
            assertEquals(destination.getAddress(), InetAddress.ofLiteral(fields[3]), context);
            assertEquals(Integer.toString(source.getPort()), fields[4], context);
            assertEquals(Integer.toString(destination.getPort()), fields[5], context);
            assertTrue(!fields[2].contains(":::") && fields[2].indexOf("::") == fields[2].lastIndexOf("::"), context);
            assertTrue(line.length() <= ProxyHeader.V1_MAX_LENGTH, context);
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
