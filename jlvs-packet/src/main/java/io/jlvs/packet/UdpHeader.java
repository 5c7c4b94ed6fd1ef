package io.jlvs.packet;

/**
 * A UDP header (RFC 768), 8 bytes. Over IPv4 a checksum of 0 means none was computed
 * ({@link Checksums#UDP_NO_CHECKSUM}); over IPv6 it is mandatory.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Source Port          |       Destination Port        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Length             |           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class UdpHeader extends HeaderFlyweight<UdpHeader> {
    /** Offset of the source port. */
    public static final int SOURCE_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DESTINATION_PORT_OFFSET = 2;
    /** Offset of the length (header plus data). */
    public static final int LENGTH_OFFSET = 4;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 6;
    /** Length of the header. */
    public static final int LENGTH = 8;

    /** The source port. */
    public int sourcePort() {
        return u16(SOURCE_PORT_OFFSET);
    }

    /** Sets the source port, leaving the checksum as it was. */
    public UdpHeader sourcePort(int port) {
        setU16(SOURCE_PORT_OFFSET, port);
        return this;
    }

    /** The destination port. */
    public int destinationPort() {
        return u16(DESTINATION_PORT_OFFSET);
    }

    /** Sets the destination port, leaving the checksum as it was. */
    public UdpHeader destinationPort(int port) {
        setU16(DESTINATION_PORT_OFFSET, port);
        return this;
    }

    /** The length field (header plus data). */
    public int length() {
        return u16(LENGTH_OFFSET);
    }

    /** Sets the length field. */
    public UdpHeader length(int length) {
        setU16(LENGTH_OFFSET, length);
        return this;
    }

    /** The checksum field (0 = none over IPv4). */
    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    /** Sets the checksum field. */
    public UdpHeader checksum(int checksum) {
        setU16(CHECKSUM_OFFSET, checksum);
        return this;
    }
}
