package io.jlvs.packet;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826), 28 bytes.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   hardware type (1)           |   protocol type (0x0800)      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | hw len (6)    | proto len (4) |   operation (1 req, 2 reply)  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                sender MAC (48) ...                            |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |   sender IPv4 (32) ...        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |   target MAC (48) ...         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    target IPv4 (32)                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ArpPacket extends HeaderFlyweight<ArpPacket> {
    /** Offset of the hardware type. */
    public static final int HARDWARE_TYPE_OFFSET = 0;
    /** Offset of the protocol type. */
    public static final int PROTOCOL_TYPE_OFFSET = 2;
    /** Offset of the hardware address length. */
    public static final int HARDWARE_LENGTH_OFFSET = 4;
    /** Offset of the protocol address length. */
    public static final int PROTOCOL_LENGTH_OFFSET = 5;
    /** Offset of the operation. */
    public static final int OPERATION_OFFSET = 6;
    /** Offset of the sender MAC. */
    public static final int SENDER_MAC_OFFSET = 8;
    /** Offset of the sender IPv4 address. */
    public static final int SENDER_IP_OFFSET = 14;
    /** Offset of the target MAC. */
    public static final int TARGET_MAC_OFFSET = 18;
    /** Offset of the target IPv4 address. */
    public static final int TARGET_IP_OFFSET = 24;
    /** Length of an Ethernet/IPv4 ARP packet. */
    public static final int LENGTH = 28;
    /** Hardware type Ethernet. */
    public static final int HARDWARE_ETHERNET = 1;
    /** Operation: request. */
    public static final int OPERATION_REQUEST = 1;
    /** Operation: reply. */
    public static final int OPERATION_REPLY = 2;

    /** Hardware type (1 for Ethernet). */
    public int hardwareType() {
        return u16(HARDWARE_TYPE_OFFSET);
    }

    /** Protocol type (0x0800 for IPv4). */
    public int protocolType() {
        return u16(PROTOCOL_TYPE_OFFSET);
    }

    /** Hardware address length (6). */
    public int hardwareLength() {
        return u8(HARDWARE_LENGTH_OFFSET);
    }

    /** Protocol address length (4). */
    public int protocolLength() {
        return u8(PROTOCOL_LENGTH_OFFSET);
    }

    /** True when the fixed fields say Ethernet and IPv4. */
    public boolean isEthernetIpv4() {
        return hardwareType() == HARDWARE_ETHERNET && protocolType() == EthernetHeader.TYPE_IPV4
                && hardwareLength() == 6 && protocolLength() == 4;
    }

    /** Writes the fixed fields for Ethernet and IPv4 and the operation. */
    public ArpPacket ethernetIpv4(int operation) {
        setU16(HARDWARE_TYPE_OFFSET, HARDWARE_ETHERNET);
        setU16(PROTOCOL_TYPE_OFFSET, EthernetHeader.TYPE_IPV4);
        setU8(HARDWARE_LENGTH_OFFSET, 6);
        setU8(PROTOCOL_LENGTH_OFFSET, 4);
        return operation(operation);
    }

    /** The operation (1 request, 2 reply). */
    public int operation() {
        return u16(OPERATION_OFFSET);
    }

    /** Sets the operation. */
    public ArpPacket operation(int operation) {
        setU16(OPERATION_OFFSET, operation);
        return this;
    }

    /** Sender MAC in the low 48 bits. */
    public long senderMac() {
        return u48(SENDER_MAC_OFFSET);
    }

    /** Sets the sender MAC. */
    public ArpPacket senderMac(long mac) {
        setU48(SENDER_MAC_OFFSET, mac);
        return this;
    }

    /** Sender IPv4 address. */
    public int senderIp() {
        return u32(SENDER_IP_OFFSET);
    }

    /** Sets the sender IPv4 address. */
    public ArpPacket senderIp(int address) {
        setU32(SENDER_IP_OFFSET, address);
        return this;
    }

    /** Target MAC in the low 48 bits. */
    public long targetMac() {
        return u48(TARGET_MAC_OFFSET);
    }

    /** Sets the target MAC. */
    public ArpPacket targetMac(long mac) {
        setU48(TARGET_MAC_OFFSET, mac);
        return this;
    }

    /** Target IPv4 address. */
    public int targetIp() {
        return u32(TARGET_IP_OFFSET);
    }

    /** Sets the target IPv4 address. */
    public ArpPacket targetIp(int address) {
        setU32(TARGET_IP_OFFSET, address);
        return this;
    }
}
