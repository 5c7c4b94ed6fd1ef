package io.jlvs.packet;

/**
 * An ICMP header (RFC 792, RFC 1191): echo, and the errors that quote the offending packet's IP
 * header and first 8 bytes after the 8-byte ICMP header.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | echo:     Identifier          |        Sequence Number        |
 *  | frag needed:  unused          |        Next-Hop MTU           |
 *  | parameter problem: Pointer |            unused                |
 *  | redirect: gateway address; others: unused                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  errors: quoted IP header + 8 bytes;  echo: data              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class IcmpHeader extends HeaderFlyweight<IcmpHeader> {
    /** Offset of the type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the code. */
    public static final int CODE_OFFSET = 1;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 2;
    /** Offset of the echo identifier. */
    public static final int IDENTIFIER_OFFSET = 4;
    /** Offset of the echo sequence number. */
    public static final int SEQUENCE_OFFSET = 6;
    /** Offset of the next-hop MTU in fragmentation needed. */
    public static final int MTU_OFFSET = 6;
    /** Offset of the parameter problem pointer. */
    public static final int POINTER_OFFSET = 4;
    /** Offset of the rest-of-header word (gateway of a redirect). */
    public static final int REST_OFFSET = 4;
    /** Length of the header; an error's quoted packet starts here. */
    public static final int LENGTH = 8;

    /** Type: echo reply. */
    public static final int ECHO_REPLY = 0;
    /** Type: destination unreachable. */
    public static final int DESTINATION_UNREACHABLE = 3;
    /** Type: source quench (deprecated, still quotes a packet). */
    public static final int SOURCE_QUENCH = 4;
    /** Type: redirect. */
    public static final int REDIRECT = 5;
    /** Type: echo request. */
    public static final int ECHO_REQUEST = 8;
    /** Type: time exceeded. */
    public static final int TIME_EXCEEDED = 11;
    /** Type: parameter problem. */
    public static final int PARAMETER_PROBLEM = 12;
    /** Unreachable code: network. */
    public static final int CODE_NET_UNREACHABLE = 0;
    /** Unreachable code: host. */
    public static final int CODE_HOST_UNREACHABLE = 1;
    /** Unreachable code: protocol. */
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    /** Unreachable code: port. */
    public static final int CODE_PORT_UNREACHABLE = 3;
    /** Unreachable code: fragmentation needed and DF set (carries the MTU). */
    public static final int CODE_FRAGMENTATION_NEEDED = 4;
    /** Time exceeded code: TTL exceeded in transit. */
    public static final int CODE_TTL_EXCEEDED = 0;
    /** Time exceeded code: fragment reassembly time exceeded. */
    public static final int CODE_REASSEMBLY_EXCEEDED = 1;

    /** True for the types that quote a packet (unreachable, source quench, redirect, time exceeded, parameter problem). */
    public static boolean isError(int type) {
        return type == DESTINATION_UNREACHABLE || type == SOURCE_QUENCH || type == REDIRECT
                || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }

    /** True when this message quotes a packet. */
    public boolean isError() {
        return isError(type());
    }

    /** True for fragmentation needed (unreachable, code 4). */
    public boolean isFragmentationNeeded() {
        return type() == DESTINATION_UNREACHABLE && code() == CODE_FRAGMENTATION_NEEDED;
    }

    /** Where the quoted packet (its IP header) starts in the segment, for an error. */
    public long quotedPacketOffset() {
        return offset + LENGTH;
    }

    /** The type. */
    public int type() {
        return u8(TYPE_OFFSET);
    }

    /** Sets the type. */
    public IcmpHeader type(int type) {
        setU8(TYPE_OFFSET, type);
        return this;
    }

    /** The code. */
    public int code() {
        return u8(CODE_OFFSET);
    }

    /** Sets the code. */
    public IcmpHeader code(int code) {
        setU8(CODE_OFFSET, code);
        return this;
    }

    /** The checksum field (over the whole ICMP message, no pseudo-header). */
    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    /** Sets the checksum field. */
    public IcmpHeader checksum(int checksum) {
        setU16(CHECKSUM_OFFSET, checksum);
        return this;
    }

    /** The echo identifier. */
    public int identifier() {
        return u16(IDENTIFIER_OFFSET);
    }

    /** Sets the echo identifier. */
    public IcmpHeader identifier(int id) {
        setU16(IDENTIFIER_OFFSET, id);
        return this;
    }

    /** The echo sequence number. */
    public int sequence() {
        return u16(SEQUENCE_OFFSET);
    }

    /** Sets the echo sequence number. */
    public IcmpHeader sequence(int sequence) {
        setU16(SEQUENCE_OFFSET, sequence);
        return this;
    }

    /** The next-hop MTU of fragmentation needed. */
    public int mtu() {
        return u16(MTU_OFFSET);
    }

    /** Sets the next-hop MTU. */
    public IcmpHeader mtu(int mtu) {
        setU16(MTU_OFFSET, mtu);
        return this;
    }

    /** The parameter problem pointer (byte index into the quoted packet). */
    public int pointer() {
        return u8(POINTER_OFFSET);
    }

    /** Sets the parameter problem pointer. */
    public IcmpHeader pointer(int pointer) {
        setU8(POINTER_OFFSET, pointer);
        return this;
    }

    /** The rest-of-header word (a redirect's gateway). */
    public int rest() {
        return u32(REST_OFFSET);
    }

    /** Sets the rest-of-header word. */
    public IcmpHeader rest(int word) {
        setU32(REST_OFFSET, word);
        return this;
    }

    /** Computes and writes the checksum over length bytes of message. */
    public IcmpHeader updateChecksum(int length) {
        checksum(0);
        return checksum(Checksums.checksum(segment, offset, length));
    }
}
