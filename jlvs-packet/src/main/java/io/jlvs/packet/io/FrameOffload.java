package io.jlvs.packet.io;

/**
 * What the kernel says about a frame's offloads, as struct virtio_net_hdr carries them
 * (PACKET_VNET_HDR): a checksum left for someone else to finish, and a frame that is really a
 * train of segments (GSO: TSO on the sender's veth hands over 64 KB TCP "super-frames"). One
 * instance per port, filled for each received frame and read during the receive call only; on
 * transmit it tells the port what to ask the kernel for. Offsets count from the frame's first
 * byte (the Ethernet destination address).
 *
 * <pre>
 *  struct virtio_net_hdr (10 bytes, host byte order)
 *   0      1      2             4             6              8               10
 *  +------+------+-------------+-------------+--------------+---------------+
 *  |flags |gso   | hdr_len     | gso_size    | csum_start   | csum_offset   |
 *  +------+------+-------------+-------------+--------------+---------------+
 * </pre>
 */
public final class FrameOffload {
    /** gso_type: a single frame. */
    public static final int GSO_NONE = 0;
    /** gso_type: TCP over IPv4, cut into gso_size segments. */
    public static final int GSO_TCPV4 = 1;
    /** gso_type: UDP fragmentation offload (UFO). */
    public static final int GSO_UDP = 3;
    /** gso_type: TCP over IPv6. */
    public static final int GSO_TCPV6 = 4;
    /** gso_type: UDP segmentation (USO). */
    public static final int GSO_UDP_L4 = 5;
    /** gso_type bit: ECN was seen on a segment. */
    public static final int GSO_ECN = 0x80;

    private boolean needsChecksum;
    private boolean checksumValid;
    private int checksumStart;
    private int checksumOffset;
    private int gsoType;
    private int gsoSize;
    private int headerLength;

    /** A plain frame: full checksums, one segment. */
    public FrameOffload clear() {
        needsChecksum = false;
        checksumValid = false;
        checksumStart = 0;
        checksumOffset = 0;
        gsoType = GSO_NONE;
        gsoSize = 0;
        headerLength = 0;
        return this;
    }

    /**
     * The L4 checksum is partial (VIRTIO_NET_HDR_F_NEEDS_CSUM): the field at checksumStart +
     * checksumOffset holds the folded pseudo-header sum, not complemented, and the sum over the
     * bytes from checksumStart on is still to be added.
     */
    public boolean needsChecksum() {
        return needsChecksum;
    }

    /** The kernel checked the checksum already (VIRTIO_NET_HDR_F_DATA_VALID). */
    public boolean checksumValid() {
        return checksumValid;
    }

    /** Where the checksummed bytes start, from the frame's first byte. */
    public int checksumStart() {
        return checksumStart;
    }

    /** Where the checksum field is, from {@link #checksumStart()}. */
    public int checksumOffset() {
        return checksumOffset;
    }

    /** GSO_NONE, GSO_TCPV4, GSO_TCPV6, GSO_UDP or GSO_UDP_L4, possibly with GSO_ECN. */
    public int gsoType() {
        return gsoType;
    }

    /** The payload bytes of each segment (the MSS) when gsoType is not GSO_NONE. */
    public int gsoSize() {
        return gsoSize;
    }

    /** The bytes of headers repeated in front of every segment (hdr_len; a hint, may be 0). */
    public int headerLength() {
        return headerLength;
    }

    /** Marks the checksum partial, at start + offset (see {@link #needsChecksum()}). */
    public FrameOffload partialChecksum(int start, int offset) {
        this.needsChecksum = true;
        this.checksumStart = start;
        this.checksumOffset = offset;
        return this;
    }

    /** Marks the checksum as verified by the kernel. */
    public FrameOffload checksumValid(boolean valid) {
        this.checksumValid = valid;
        return this;
    }

    /** Marks the frame a GSO train. */
    public FrameOffload segmentation(int type, int size, int headers) {
        this.gsoType = type;
        this.gsoSize = size;
        this.headerLength = headers;
        return this;
    }

    /** Copies another's fields (a port keeps its own instance). */
    public FrameOffload set(FrameOffload other) {
        this.needsChecksum = other.needsChecksum;
        this.checksumValid = other.checksumValid;
        this.checksumStart = other.checksumStart;
        this.checksumOffset = other.checksumOffset;
        this.gsoType = other.gsoType;
        this.gsoSize = other.gsoSize;
        this.headerLength = other.headerLength;
        return this;
    }

    /** True for a frame that is one segment with a full checksum. */
    public boolean isPlain() {
        return !needsChecksum && gsoType == GSO_NONE;
    }

    @Override
    public String toString() {
        return "FrameOffload[needsChecksum=" + needsChecksum + ", checksumValid=" + checksumValid
                + ", checksumStart=" + checksumStart + ", checksumOffset=" + checksumOffset + ", gsoType=" + gsoType
                + ", gsoSize=" + gsoSize + ", headerLength=" + headerLength + "]";
    }
}
