package io.jlvs.io.linux.ffi;

/**
 * {@code struct tpacket_block_desc} of &lt;linux/if_packet.h&gt; with its v1 header, at the start of
 * every block of a TPACKET_V3 receive ring. The process owns the block while block_status has
 * TP_STATUS_USER, and gives it back by writing TP_STATUS_KERNEL.
 *
 * <pre>
 *  0         4                8              12         16                    20        24        32             48
 *  +---------+----------------+--------------+----------+---------------------+---------+---------+--------------+
 *  | version | offset_to_priv | block_status | num_pkts | offset_to_first_pkt | blk_len | seq_num | ts first/last|
 *  +---------+----------------+--------------+----------+---------------------+---------+---------+--------------+
 * </pre>
 */
public final class TpacketBlockDesc {
    /** sizeof(struct tpacket_block_desc). */
    public static final int BYTES = 48;
    /** Offset of block_status (u32). */
    public static final long BLOCK_STATUS = 8;
    /** Offset of num_pkts (u32): frames in the block. */
    public static final long NUM_PKTS = 12;
    /** Offset of offset_to_first_pkt (u32): the first tpacket3_hdr, from the block's start. */
    public static final long OFFSET_TO_FIRST_PKT = 16;

    private TpacketBlockDesc() {
    }
}
