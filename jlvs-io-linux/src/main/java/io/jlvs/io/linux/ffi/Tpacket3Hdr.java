package io.jlvs.io.linux.ffi;

/**
 * {@code struct tpacket3_hdr} of &lt;linux/if_packet.h&gt;, in front of every frame of a TPACKET_V3
 * ring. Received: the frame is snaplen bytes at tp_mac from the header (a struct virtio_net_hdr
 * right before it with PACKET_VNET_HDR), the next header tp_next_offset further. Transmitted: the
 * process writes tp_len and then tp_status = TP_STATUS_SEND_REQUEST, and the frame's bytes (after
 * its virtio_net_hdr) start at {@link #TX_DATA_OFFSET}.
 *
 * <pre>
 *  0              4      8       12          16      20          24     26     28          32            36            38       40        48
 *  +--------------+------+-------+-----------+-------+-----------+------+------+-----------+-------------+-------------+--------+---------+
 *  | next_offset  | sec  | nsec  | snaplen   | len   | status    | mac  | net  | rxhash    | vlan_tci    | vlan_tpid   | pad    | pad[8]  |
 *  +--------------+------+-------+-----------+-------+-----------+------+------+-----------+-------------+-------------+--------+---------+
 * </pre>
 */
public final class Tpacket3Hdr {
    /** sizeof(struct tpacket3_hdr), TPACKET_ALIGNed. */
    public static final int BYTES = 48;
    /** Offset of tp_next_offset (u32). */
    public static final long NEXT_OFFSET = 0;
    /** Offset of tp_snaplen (u32): bytes of the frame in the ring. */
    public static final long SNAPLEN = 12;
    /** Offset of tp_len (u32): the frame's length on the wire (receive) or to send (transmit). */
    public static final long LEN = 16;
    /** Offset of tp_status (u32). */
    public static final long STATUS = 20;
    /** Offset of tp_mac (u16): the frame's first byte, from the header. */
    public static final long MAC = 24;
    /** Offset of tp_vlan_tci (u32). */
    public static final long VLAN_TCI = 32;
    /** Offset of tp_vlan_tpid (u16). */
    public static final long VLAN_TPID = 36;
    /**
     * Where a transmitted frame's data starts without PACKET_TX_HAS_OFF: TPACKET3_HDRLEN less the
     * sockaddr_ll the kernel counts in it, that is {@link #BYTES}.
     */
    public static final long TX_DATA_OFFSET = BYTES;
    /** TPACKET3_HDRLEN: the header and the struct sockaddr_ll the kernel writes after it on receive. */
    public static final int HDRLEN = BYTES + SockaddrLl.BYTES;

    private Tpacket3Hdr() {
    }
}
