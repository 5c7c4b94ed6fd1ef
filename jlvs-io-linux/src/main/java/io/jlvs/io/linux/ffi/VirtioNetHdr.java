package io.jlvs.io.linux.ffi;

/**
 * {@code struct virtio_net_hdr} of &lt;linux/virtio_net.h&gt; (10 bytes, host byte order on the
 * little-endian machines jlvs runs on), in front of every frame of an AF_PACKET socket with
 * PACKET_VNET_HDR: what is left to do on the frame (a checksum to finish, segments to cut).
 * The layout is drawn in {@link io.jlvs.packet.io.FrameOffload}.
 */
public final class VirtioNetHdr {
    /** sizeof(struct virtio_net_hdr). */
    public static final int BYTES = 10;
    /** Offset of flags (u8). */
    public static final long FLAGS = 0;
    /** Offset of gso_type (u8). */
    public static final long GSO_TYPE = 1;
    /** Offset of hdr_len (u16). */
    public static final long HDR_LEN = 2;
    /** Offset of gso_size (u16). */
    public static final long GSO_SIZE = 4;
    /** Offset of csum_start (u16). */
    public static final long CSUM_START = 6;
    /** Offset of csum_offset (u16). */
    public static final long CSUM_OFFSET = 8;
    /** VIRTIO_NET_HDR_F_NEEDS_CSUM: the checksum is partial. */
    public static final int F_NEEDS_CSUM = 1;
    /** VIRTIO_NET_HDR_F_DATA_VALID: the checksum was verified. */
    public static final int F_DATA_VALID = 2;

    private VirtioNetHdr() {
    }
}
