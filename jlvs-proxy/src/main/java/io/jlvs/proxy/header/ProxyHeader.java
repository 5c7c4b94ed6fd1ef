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
 * buffer if needed, and allocates nothing else on the heap once the JIT has inlined
 * {@link InetAddress#getAddress()}'s copy.
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
    private static final int IPV4_MAPPED_PREFIX_LENGTH = 12;

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
        boolean v6 = from instanceof Inet6Address || to instanceof Inet6Address;
        out.ensureWritable(V1_MAX_LENGTH);
        out.writeBytes(v6 ? V1_TCP6 : V1_TCP4);
        writeText(out, from.getAddress(), v6);
        out.writeByte(' ');
        writeText(out, to.getAddress(), v6);
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
        writeBinary(out, from.getAddress(), v6);
        writeBinary(out, to.getAddress(), v6);
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

    /** 4 or 16 bytes; an IPv4 address in an IPv6 header as ::ffff:a.b.c.d. */
    private static void writeBinary(ByteBuf out, byte[] address, boolean v6) {
        if (v6 && address.length == 4) {
            out.writeZero(IPV4_MAPPED_PREFIX_LENGTH - 2);
            out.writeShort(0xFFFF);
        }
        out.writeBytes(address);
    }

    private static void writeText(ByteBuf out, byte[] address, boolean v6) {
        if (!v6) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    out.writeByte('.');
                }
                writeDecimal(out, address[i] & 0xFF);
            }
        } else if (address.length == 4) {
            writeIpv4MappedText(out, address);
        } else {
            writeIpv6Text(out, address);
        }
    }

    /** RFC 5952: the first longest run of two or more zero groups becomes "::". */
    private static void writeIpv6Text(ByteBuf out, byte[] address) {
        int bestStart = -1;
        int bestLength = 1;
        int runStart = -1;
        for (int group = 0; group <= 8; group++) {
            boolean zero = group < 8 && address[2 * group] == 0 && address[2 * group + 1] == 0;
            if (zero && runStart < 0) {
                runStart = group;
            } else if (!zero && runStart >= 0) {
                if (group - runStart > bestLength) {
                    bestStart = runStart;
                    bestLength = group - runStart;
                }
                runStart = -1;
            }
        }
        for (int group = 0; group < 8; group++) {
            if (group == bestStart) {
                out.writeByte(':');
                out.writeByte(':');
                group += bestLength - 1;
                continue;
            }
            if (group > 0 && group != bestStart + bestLength) {
                out.writeByte(':');
            }
            writeHexGroup(out, ((address[2 * group] & 0xFF) << 8) | (address[2 * group + 1] & 0xFF));
        }
    }

    /** An IPv4 address as the IPv6 text ::ffff:XXXX:XXXX (hex groups, as the spec describes). */
    private static void writeIpv4MappedText(ByteBuf out, byte[] address) {
        out.writeByte(':');
        out.writeByte(':');
        writeHexGroup(out, 0xFFFF);
        out.writeByte(':');
        writeHexGroup(out, ((address[0] & 0xFF) << 8) | (address[1] & 0xFF));
        out.writeByte(':');
        writeHexGroup(out, ((address[2] & 0xFF) << 8) | (address[3] & 0xFF));
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
