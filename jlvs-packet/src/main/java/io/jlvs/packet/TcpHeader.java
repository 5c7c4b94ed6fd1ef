package io.jlvs.packet;

/**
 * A TCP header (RFC 9293) with its options.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Source Port          |       Destination Port        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Sequence Number                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Acknowledgment Number                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Data |       |C|E|U|A|P|R|S|F|                               |
 *  | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *  |       |       |R|E|G|K|H|T|N|N|                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Checksum            |         Urgent Pointer        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options (data offset &gt; 5)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TcpHeader extends HeaderFlyweight<TcpHeader> {
    /** Offset of the source port. */
    public static final int SOURCE_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DESTINATION_PORT_OFFSET = 2;
    /** Offset of the sequence number. */
    public static final int SEQUENCE_OFFSET = 4;
    /** Offset of the acknowledgment number. */
    public static final int ACKNOWLEDGMENT_OFFSET = 8;
    /** Offset of the data offset byte. */
    public static final int DATA_OFFSET_OFFSET = 12;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 13;
    /** Offset of the window. */
    public static final int WINDOW_OFFSET = 14;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 16;
    /** Offset of the urgent pointer. */
    public static final int URGENT_OFFSET = 18;
    /** Length of a header without options. */
    public static final int MIN_LENGTH = 20;
    /** FIN flag. */
    public static final int FIN = 0x01;
    /** SYN flag. */
    public static final int SYN = 0x02;
    /** RST flag. */
    public static final int RST = 0x04;
    /** PSH flag. */
    public static final int PSH = 0x08;
    /** ACK flag. */
    public static final int ACK = 0x10;
    /** URG flag. */
    public static final int URG = 0x20;
    /** ECE flag. */
    public static final int ECE = 0x40;
    /** CWR flag. */
    public static final int CWR = 0x80;

    /** The source port. */
    public int sourcePort() {
        return u16(SOURCE_PORT_OFFSET);
    }

    /** Sets the source port, leaving the checksum as it was. */
    public TcpHeader sourcePort(int port) {
        setU16(SOURCE_PORT_OFFSET, port);
        return this;
    }

    /** The destination port. */
    public int destinationPort() {
        return u16(DESTINATION_PORT_OFFSET);
    }

    /** Sets the destination port, leaving the checksum as it was. */
    public TcpHeader destinationPort(int port) {
        setU16(DESTINATION_PORT_OFFSET, port);
        return this;
    }

    /** The sequence number. */
    public int sequence() {
        return u32(SEQUENCE_OFFSET);
    }

    /** Sets the sequence number. */
    public TcpHeader sequence(int sequence) {
        setU32(SEQUENCE_OFFSET, sequence);
        return this;
    }

    /** The acknowledgment number. */
    public int acknowledgment() {
        return u32(ACKNOWLEDGMENT_OFFSET);
    }

    /** Sets the acknowledgment number. */
    public TcpHeader acknowledgment(int acknowledgment) {
        setU32(ACKNOWLEDGMENT_OFFSET, acknowledgment);
        return this;
    }

    /** The data offset field in 32-bit words. */
    public int dataOffset() {
        return u8(DATA_OFFSET_OFFSET) >>> 4;
    }

    /** The header length in bytes (data offset * 4). */
    public int headerLength() {
        return dataOffset() << 2;
    }

    /** Sets the header length in bytes (a multiple of 4, 20 to 60). */
    public TcpHeader headerLength(int length) {
        setU8(DATA_OFFSET_OFFSET, ((length >>> 2) << 4) | (u8(DATA_OFFSET_OFFSET) & 0x0F));
        return this;
    }

    /** The flags byte (CWR ECE URG ACK PSH RST SYN FIN). */
    public int flags() {
        return u8(FLAGS_OFFSET);
    }

    /** Sets the flags byte. */
    public TcpHeader flags(int flags) {
        setU8(FLAGS_OFFSET, flags);
        return this;
    }

    /** True when every bit of flag is set. */
    public boolean has(int flag) {
        return (flags() & flag) == flag;
    }

    /** The window. */
    public int window() {
        return u16(WINDOW_OFFSET);
    }

    /** Sets the window. */
    public TcpHeader window(int window) {
        setU16(WINDOW_OFFSET, window);
        return this;
    }

    /** The checksum field (full, or partial under checksum offload). */
    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    /** Sets the checksum field. */
    public TcpHeader checksum(int checksum) {
        setU16(CHECKSUM_OFFSET, checksum);
        return this;
    }

    /** The urgent pointer. */
    public int urgentPointer() {
        return u16(URGENT_OFFSET);
    }

    /** Sets the urgent pointer. */
    public TcpHeader urgentPointer(int pointer) {
        setU16(URGENT_OFFSET, pointer);
        return this;
    }
}
