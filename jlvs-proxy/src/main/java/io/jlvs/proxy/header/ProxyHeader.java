package io.jlvs.proxy.header;

import io.jlvs.core.model.ProxyProtocol;
import io.netty.buffer.ByteBuf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes the PROXY protocol header (haproxy's doc/proxy-protocol.txt) that tells a real server
 * the client's address and port (source) and the VIP's (destination) of one proxied TCP
 * connection. Each method appends one complete header at the buffer's writer index, growing the
 * buffer if needed. Once compiled, an IPv4 header allocates nothing besides the buffer; an IPv6
 * header allocates only InetAddress.getAddress()'s 16-byte copy of each address.
 *
 * <p>Version 1, one line of US-ASCII, at most {@value #V1_MAX_LENGTH} bytes:
 * <pre>
 *   "PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"
 *   "PROXY TCP6 2001:db8::1 2001:db8::11 56324 443\r\n"
 * </pre>
 * IPv4 in dotted decimal, IPv6 in RFC 5952's form (lower-case hex, no leading zeros, the longest
 * run of two or more zero groups as "::"), ports in decimal, no leading zeros anywhere.
 *
 * <p>Version 2, binary, {@value #V2_IPV4_LENGTH} bytes for IPv4 and {@value #V2_IPV6_LENGTH} for IPv6:
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   signature: 0D 0A 0D 0A 00 0D 0A 51 55 49 54 0A (12 bytes)   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | ver 2 | PROXY |family |STREAM |   address length (12 or 36)   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |        source address (4 or 16 bytes, network order)          |
 *   |      destination address (4 or 16 bytes, network order)       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          source port          |       destination port        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * with byte 13 = 0x21 (version 2, command PROXY) and byte 14 = 0x11 (AF_INET, STREAM) or 0x21
 * (AF_INET6, STREAM). No TLVs are sent.
 *
 * <p>Both ends of one TCP connection have one family. Should the two addresses given differ, the
 * IPv4 one is written as its IPv4-mapped IPv6 address (::ffff:a.b.c.d) and the header is TCP6.
 */
public final class ProxyHeader {
    /** The longest version 1 line the spec allows receivers to expect, CRLF included. */
    public static final int V1_MAX_LENGTH = 107;
    /** The version 2 header for TCP over IPv4: 16 + 2*4 + 2*2. */
    public static final int V2_IPV4_LENGTH = 28;
    /** The version 2 header for TCP over IPv6: 16 + 2*16 + 2*2. */
    public static final int V2_IPV6_LENGTH = 52;

    /** Offsets in the version 2 header. */
    static final int V2_VERSION_COMMAND_OFFSET = 12;
    static final int V2_FAMILY_OFFSET = 13;
    static final int V2_LENGTH_OFFSET = 14;
    static final int V2_ADDRESSES_OFFSET = 16;

    /** Version 2 (high nibble) and the PROXY command (low nibble). */
    static final int V2_VERSION_PROXY = 0x21;
    /** AF_INET (high nibble) and STREAM (low nibble). */
    static final int V2_TCP_OVER_IPV4 = 0x11;
    /** AF_INET6 (high nibble) and STREAM (low nibble). */
    static final int V2_TCP_OVER_IPV6 = 0x21;

    private static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] V1_TCP4 = ascii("PROXY TCP4 ");
    private static final byte[] V1_TCP6 = ascii("PROXY TCP6 ");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private ProxyHeader() {
    }

    /**
     * Writes the header of the given version; NONE writes nothing.
     *
     * @throws IllegalArgumentException when an address is unresolved
     */
    public static void write(ProxyProtocol version, ByteBuf out, InetSocketAddress source,
                             InetSocketAddress destination) {
        switch (version) {
            case NONE -> {
            }
            case V1 -> writeV1(out, source, destination);
            case V2 -> writeV2(out, source, destination);
        }
    }

    /**
     * Writes the version 1 (text) header: "PROXY TCP4|TCP6 src dst sport dport\r\n".
     *
     * @throws IllegalArgumentException when an address is unresolved
     */
    public static void writeV1(ByteBuf out, InetSocketAddress source, InetSocketAddress destination) {
        InetAddress from = addressOf(source);
        InetAddress to = addressOf(destination);
        out.ensureWritable(V1_MAX_LENGTH);
        if (from instanceof Inet6Address || to instanceof Inet6Address) {
            out.writeBytes(V1_TCP6);
            writeIpv6Text(out, ipv6(from));
            out.writeByte(' ');
            writeIpv6Text(out, ipv6(to));
        } else {
            out.writeBytes(V1_TCP4);
            writeIpv4Text(out, ipv4(from));
            out.writeByte(' ');
            writeIpv4Text(out, ipv4(to));
        }
        out.writeByte(' ');
        writeDecimal(out, source.getPort());
        out.writeByte(' ');
        writeDecimal(out, destination.getPort());
        out.writeByte('\r');
        out.writeByte('\n');
    }

    /**
     * Writes the version 2 (binary) header with the PROXY command and no TLVs.
     *
     * @throws IllegalArgumentException when an address is unresolved
     */
    public static void writeV2(ByteBuf out, InetSocketAddress source, InetSocketAddress destination) {
        InetAddress from = addressOf(source);
        InetAddress to = addressOf(destination);
        boolean v6 = from instanceof Inet6Address || to instanceof Inet6Address;
        int length = v6 ? V2_IPV6_LENGTH : V2_IPV4_LENGTH;
        out.ensureWritable(length);
        out.writeBytes(V2_SIGNATURE);
        out.writeByte(V2_VERSION_PROXY);
        out.writeByte(v6 ? V2_TCP_OVER_IPV6 : V2_TCP_OVER_IPV4);
        out.writeShort(length - V2_ADDRESSES_OFFSET);
        if (v6) {
            out.writeBytes(ipv6(from));
            out.writeBytes(ipv6(to));
        } else {
            out.writeInt(ipv4(from));
            out.writeInt(ipv4(to));
        }
        out.writeShort(source.getPort());
        out.writeShort(destination.getPort());
    }

    private static InetAddress addressOf(InetSocketAddress endpoint) {
        InetAddress address = endpoint.getAddress();
        if (address == null) {
            throw new IllegalArgumentException("unresolved address in a PROXY header: " + endpoint.getHostString());
        }
        return address;
    }

    /**
     * An IPv4 address as a big-endian int. Read into an int at once, getAddress()'s copy never
     * leaves this (inlined) method and the JIT drops it: IPv4 headers allocate nothing.
     */
    private static int ipv4(InetAddress address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /**
     * The 16 bytes of an IPv6 header field: the address's own (the JDK's one copy, 32 bytes on the
     * heap, which no public API avoids), or for an IPv4 address its IPv4-mapped form.
     */
    private static byte[] ipv6(InetAddress address) {
        if (address instanceof Inet6Address) {
            return address.getAddress();
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        int v4 = ipv4(address);
        for (int i = 0; i < 4; i++) {
            mapped[12 + i] = (byte) (v4 >>> (24 - 8 * i));
        }
        return mapped;
    }

    private static void writeIpv4Text(ByteBuf out, int address) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            if (shift < 24) {
                out.writeByte('.');
            }
            writeDecimal(out, (address >>> shift) & 0xFF);
        }
    }

    /** Group 0..7 of a 16-byte IPv6 address. */
    private static int group(byte[] address, int group) {
        return (address[2 * group] & 0xFF) << 8 | (address[2 * group + 1] & 0xFF);
    }

    /** RFC 5952: the first longest run of two or more zero groups becomes "::". */
    private static void writeIpv6Text(ByteBuf out, byte[] address) {
        int bestStart = -1;
        int bestLength = 1;
        int runStart = -1;
        for (int g = 0; g <= 8; g++) {
            boolean zero = g < 8 && group(address, g) == 0;
            if (zero && runStart < 0) {
                runStart = g;
            } else if (!zero && runStart >= 0) {
                if (g - runStart > bestLength) {
                    bestStart = runStart;
                    bestLength = g - runStart;
                }
                runStart = -1;
            }
        }
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                out.writeByte(':');
                out.writeByte(':');
                g += bestLength - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLength) {
                out.writeByte(':');
            }
            writeHexGroup(out, group(address, g));
        }
    }

    private static void writeHexGroup(ByteBuf out, int value) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int digit = (value >>> shift) & 0xF;
            if (digit != 0 || started || shift == 0) {
                out.writeByte(HEX[digit]);
                started = true;
            }
        }
    }

    /** 0..65535 in decimal, without leading zeros. */
    private static void writeDecimal(ByteBuf out, int value) {
        int divisor = 1;
        while (divisor <= value / 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte('0' + (value / divisor) % 10);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
