package io.jlvs.io.linux.ffi;

/**
 * The constants of &lt;linux/if_packet.h&gt; and &lt;linux/if_ether.h&gt; that AF_PACKET ports use:
 * socket options at level SOL_PACKET, ring versions, frame and block status bits, fanout modes.
 */
public final class IfPacket {
    /** AF_PACKET (&lt;sys/socket.h&gt;): link-level frames. */
    public static final int AF_PACKET = 17;
    /** MSG_DONTWAIT (&lt;sys/socket.h&gt;): a send that never sleeps. */
    public static final int MSG_DONTWAIT = 0x40;
    /** ETH_P_ALL: every protocol (bind's sll_protocol, in network byte order). */
    public static final int ETH_P_ALL = 0x0003;
    /** SOL_PACKET: the level of the options below. */
    public static final int SOL_PACKET = 263;

    /** PACKET_RX_RING: a struct tpacket_req3 describing the receive ring. */
    public static final int PACKET_RX_RING = 5;
    /** PACKET_STATISTICS: a struct tpacket_stats_v3, cleared on read. */
    public static final int PACKET_STATISTICS = 6;
    /** PACKET_VERSION: the ring's header format. */
    public static final int PACKET_VERSION = 10;
    /** PACKET_RESERVE: bytes left free in front of each received frame's headers. */
    public static final int PACKET_RESERVE = 12;
    /** PACKET_TX_RING: a struct tpacket_req3 describing the transmit ring. */
    public static final int PACKET_TX_RING = 13;
    /** PACKET_LOSS: a malformed transmit frame is skipped instead of stopping the ring. */
    public static final int PACKET_LOSS = 14;
    /** PACKET_VNET_HDR: a struct virtio_net_hdr in front of every frame, both ways. */
    public static final int PACKET_VNET_HDR = 15;
    /** PACKET_FANOUT: join a fanout group: id | (mode | flags) &lt;&lt; 16. */
    public static final int PACKET_FANOUT = 18;
    /** PACKET_IGNORE_OUTGOING: do not see frames the host transmits on the interface. */
    public static final int PACKET_IGNORE_OUTGOING = 23;

    /** TPACKET_V3: block-based receive ring. */
    public static final int TPACKET_V3 = 2;
    /** TPACKET_ALIGNMENT: headers and frames start on multiples of it. */
    public static final int TPACKET_ALIGNMENT = 16;

    /** Frame or block owned by the kernel (receive), or free (transmit: TP_STATUS_AVAILABLE). */
    public static final int TP_STATUS_KERNEL = 0;
    /** Block (receive) owned by the process. */
    public static final int TP_STATUS_USER = 1;
    /** The frame's 802.1Q tag was stripped into tp_vlan_tci. */
    public static final int TP_STATUS_VLAN_VALID = 0x10;
    /** tp_vlan_tpid holds the stripped tag's TPID. */
    public static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    /** Transmit frame: queued by the process for the next send. */
    public static final int TP_STATUS_SEND_REQUEST = 1;
    /** Transmit frame: handed to the device, not yet released. */
    public static final int TP_STATUS_SENDING = 2;
    /** Transmit frame: refused as malformed (without PACKET_LOSS). */
    public static final int TP_STATUS_WRONG_FORMAT = 4;

    /** PACKET_FANOUT_HASH: by the symmetric flow hash (both directions of a flow on one member). */
    public static final int PACKET_FANOUT_HASH = 0;
    /** PACKET_FANOUT_FLAG_UNIQUEID: the kernel picks a group id no other group uses. */
    public static final int PACKET_FANOUT_FLAG_UNIQUEID = 0x2000;
    /** PACKET_FANOUT_FLAG_DEFRAG: fragments are reassembled before hashing. */
    public static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;

    private IfPacket() {
    }

    /** TPACKET_ALIGN(x): x rounded up to {@link #TPACKET_ALIGNMENT}. */
    public static long align(long x) {
        return (x + TPACKET_ALIGNMENT - 1) & -TPACKET_ALIGNMENT;
    }
}
