package io.jlvs.packet;

/**
 * An Ethernet II header with up to two VLAN tags (802.1ad outer, 802.1Q inner) over a segment.
 * Reads assume the bytes are there: the caller (the {@link ParsedFrame}) checks lengths first.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    destination MAC (48 bits)                  |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *  |                      source MAC (48 bits)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   EtherType or TPID (0x8100, 0x88A8) | PCP |D|   VLAN id       |  &lt;- tag, repeated
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   EtherType of the payload    |  payload ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class EthernetHeader extends HeaderFlyweight<EthernetHeader> {
    /** Offset of the destination MAC. */
    public static final int DESTINATION_OFFSET = 0;
    /** Offset of the source MAC. */
    public static final int SOURCE_OFFSET = 6;
    /** Offset of the first EtherType (or tag protocol id). */
    public static final int ETHER_TYPE_OFFSET = 12;
    /** Length of an untagged header. */
    public static final int LENGTH = 14;
    /** Length of one VLAN tag. */
    public static final int TAG_LENGTH = 4;
    /** Most tags walked (802.1ad outer plus 802.1Q inner). */
    public static final int MAX_TAGS = 2;

    /** EtherType IPv4. */
    public static final int TYPE_IPV4 = 0x0800;
    /** EtherType ARP. */
    public static final int TYPE_ARP = 0x0806;
    /** EtherType IPv6. */
    public static final int TYPE_IPV6 = 0x86DD;
    /** Tag protocol id of an 802.1Q (customer) VLAN tag. */
    public static final int TYPE_VLAN = 0x8100;
    /** Tag protocol id of an 802.1ad (service, QinQ) VLAN tag. */
    public static final int TYPE_QINQ = 0x88A8;

    /** True for the tag protocol ids of 802.1Q and 802.1ad. */
    public static boolean isTag(int etherType) {
        return etherType == TYPE_VLAN || etherType == TYPE_QINQ;
    }

    /** Destination MAC in the low 48 bits. */
    public long destination() {
        return u48(DESTINATION_OFFSET);
    }

    /** Sets the destination MAC from the low 48 bits. */
    public EthernetHeader destination(long mac) {
        setU48(DESTINATION_OFFSET, mac);
        return this;
    }

    /** Source MAC in the low 48 bits. */
    public long source() {
        return u48(SOURCE_OFFSET);
    }

    /** Sets the source MAC from the low 48 bits. */
    public EthernetHeader source(long mac) {
        setU48(SOURCE_OFFSET, mac);
        return this;
    }

    /** The first EtherType field: a tag protocol id when the frame is tagged. */
    public int outerEtherType() {
        return u16(ETHER_TYPE_OFFSET);
    }

    /** Number of VLAN tags (0 to {@link #MAX_TAGS}); reads up to 4 bytes past each tag. */
    public int tagCount() {
        int tags = 0;
        while (tags < MAX_TAGS && isTag(u16(ETHER_TYPE_OFFSET + (long) tags * TAG_LENGTH))) {
            tags++;
        }
        return tags;
    }

    /** Header length including the tags: where the payload starts, from the header's first byte. */
    public int headerLength() {
        return LENGTH + tagCount() * TAG_LENGTH;
    }

    /** The EtherType after the tags (the payload's). */
    public int etherType() {
        return u16(ETHER_TYPE_OFFSET + (long) tagCount() * TAG_LENGTH);
    }

    /** Sets the EtherType after the tags. */
    public EthernetHeader etherType(int type) {
        setU16(ETHER_TYPE_OFFSET + (long) tagCount() * TAG_LENGTH, type);
        return this;
    }

    /** The 12-bit VLAN id of tag index (0 = outermost). */
    public int vlanId(int index) {
        return tagControl(index) & 0x0FFF;
    }

    /** The 3-bit priority code point of tag index. */
    public int vlanPriority(int index) {
        return tagControl(index) >>> 13;
    }

    /** Sets the VLAN id of tag index, keeping its priority and DEI bits. */
    public EthernetHeader vlanId(int index, int vlanId) {
        long at = tagControlOffset(index);
        setU16(at, (u16(at) & 0xF000) | (vlanId & 0x0FFF));
        return this;
    }

    private int tagControl(int index) {
        return u16(tagControlOffset(index));
    }

    private long tagControlOffset(int index) {
        return ETHER_TYPE_OFFSET + (long) index * TAG_LENGTH + 2;
    }
}
