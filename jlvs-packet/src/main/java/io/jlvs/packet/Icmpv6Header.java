package io.jlvs.packet;

/**
 * An ICMPv6 header (RFC 4443, RFC 4861): errors 1 to 4 quote as much of the offending packet as
 * fits after the 8-byte header; echo; neighbor discovery. The checksum covers the IPv6
 * pseudo-header (protocol 58).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Type      |     Code      |          Checksum             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | packet too big: MTU; parameter problem: Pointer (32 bits)     |
 *  | echo: Identifier              |        Sequence Number        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  errors: as much of the invoking packet as fits; NDP: target  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Icmpv6Header extends HeaderFlyweight<Icmpv6Header> {
    /** Offset of the type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the code. */
    public static final int CODE_OFFSET = 1;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 2;
    /** Offset of the MTU of packet too big, or the pointer of parameter problem. */
    public static final int MTU_OFFSET = 4;
    /** Offset of the parameter problem pointer. */
    public static final int POINTER_OFFSET = 4;
    /** Offset of the echo identifier. */
    public static final int IDENTIFIER_OFFSET = 4;
    /** Offset of the echo sequence number. */
    public static final int SEQUENCE_OFFSET = 6;
    /** Offset of the NDP target address (neighbor solicitation and advertisement). */
    public static final int TARGET_OFFSET = 8;
    /** Length of the header; an error's quoted packet starts here. */
    public static final int LENGTH = 8;

    /** Type: destination unreachable. */
    public static final int DESTINATION_UNREACHABLE = 1;
    /** Type: packet too big (carries the MTU). */
    public static final int PACKET_TOO_BIG = 2;
    /** Type: time exceeded. */
    public static final int TIME_EXCEEDED = 3;
    /** Type: parameter problem. */
    public static final int PARAMETER_PROBLEM = 4;
    /** Type: echo request. */
    public static final int ECHO_REQUEST = 128;
    /** Type: echo reply. */
    public static final int ECHO_REPLY = 129;
    /** Type: router solicitation. */
    public static final int ROUTER_SOLICITATION = 133;
    /** Type: router advertisement. */
    public static final int ROUTER_ADVERTISEMENT = 134;
    /** Type: neighbor solicitation. */
    public static final int NEIGHBOR_SOLICITATION = 135;
    /** Type: neighbor advertisement. */
    public static final int NEIGHBOR_ADVERTISEMENT = 136;
    /** Type: redirect. */
    public static final int REDIRECT = 137;

    /** True for the error types 1 to 4, which quote a packet. */
    public static boolean isError(int type) {
        return type >= DESTINATION_UNREACHABLE && type <= PARAMETER_PROBLEM;
    }

    /** True for neighbor discovery types 133 to 137. */
    public static boolean isNeighborDiscovery(int type) {
        return type >= ROUTER_SOLICITATION && type <= REDIRECT;
    }

    /** True when this message quotes a packet. */
    public boolean isError() {
        return isError(type());
    }

    /** Where the quoted packet (its IPv6 header) starts in the segment, for an error. */
    public long quotedPacketOffset() {
        return offset + LENGTH;
    }

    /** The type. */
    public int type() {
        return u8(TYPE_OFFSET);
    }

    /** Sets the type. */
    public Icmpv6Header type(int type) {
        setU8(TYPE_OFFSET, type);
        return this;
    }

    /** The code. */
    public int code() {
        return u8(CODE_OFFSET);
    }

    /** Sets the code. */
    public Icmpv6Header code(int code) {
        setU8(CODE_OFFSET, code);
        return this;
    }

    /** The checksum field. */
    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    /** Sets the checksum field. */
    public Icmpv6Header checksum(int checksum) {
        setU16(CHECKSUM_OFFSET, checksum);
        return this;
    }

    /** The MTU of packet too big. */
    public int mtu() {
        return u32(MTU_OFFSET);
    }

    /** Sets the MTU. */
    public Icmpv6Header mtu(int mtu) {
        setU32(MTU_OFFSET, mtu);
        return this;
    }

    /** The parameter problem pointer (byte index into the quoted packet). */
    public int pointer() {
        return u32(POINTER_OFFSET);
    }

    /** Sets the parameter problem pointer. */
    public Icmpv6Header pointer(int pointer) {
        setU32(POINTER_OFFSET, pointer);
        return this;
    }

    /** The echo identifier. */
    public int identifier() {
        return u16(IDENTIFIER_OFFSET);
    }

    /** Sets the echo identifier. */
    public Icmpv6Header identifier(int id) {
        setU16(IDENTIFIER_OFFSET, id);
        return this;
    }

    /** The echo sequence number. */
    public int sequence() {
        return u16(SEQUENCE_OFFSET);
    }

    /** Sets the echo sequence number. */
    public Icmpv6Header sequence(int sequence) {
        setU16(SEQUENCE_OFFSET, sequence);
        return this;
    }

    /** Word index (0..3) of the NDP target address. */
    public int target(int word) {
        return u32(TARGET_OFFSET + 4L * word);
    }
}
