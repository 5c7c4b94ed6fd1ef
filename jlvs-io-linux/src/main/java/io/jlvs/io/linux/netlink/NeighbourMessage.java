package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;

/**
 * {@code struct ndmsg} of &lt;linux/neighbour.h&gt;, the fixed part of RTM_NEWNEIGH and RTM_GETNEIGH
 * (host byte order); NDA_* attributes follow:
 *
 * <pre>
 *  0       1       2               4                               8               10      11      12
 *  +-------+-------+---------------+-------------------------------+---------------+-------+-------+
 *  |family | pad1  | pad2          | ndm_ifindex                   | ndm_state NUD | flags | type  |
 *  +-------+-------+---------------+-------------------------------+---------------+-------+-------+
 * </pre>
 */
final class NeighbourMessage {
    static final int SIZE = 12;
    static final long FAMILY_OFFSET = 0;
    static final long INDEX_OFFSET = 4;
    static final long STATE_OFFSET = 8;
    static final long FLAGS_OFFSET = 10;

    static final int RTM_NEWNEIGH = 28;
    static final int RTM_GETNEIGH = 30;

    /** NDA_DST: the neighbour's network address. */
    static final int NDA_DST = 1;
    /** NDA_LLADDR: its link-layer address. */
    static final int NDA_LLADDR = 2;
    /** NTF_USE: "this entry is wanted": resolve it if it is not (as {@code ip neigh ... use}). */
    static final int NTF_USE = 0x01;

    private NeighbourMessage() {
    }

    static int family(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + FAMILY_OFFSET);
    }

    static int index(MemorySegment buffer, long payload) {
        return HostOrder.u32(buffer, payload + INDEX_OFFSET);
    }

    static int state(MemorySegment buffer, long payload) {
        return HostOrder.u16(buffer, payload + STATE_OFFSET);
    }

    static void write(MemorySegment buffer, long payload, int family, int index, int state, int flags) {
        HostOrder.u8(buffer, payload + FAMILY_OFFSET, family);
        HostOrder.u32(buffer, payload + INDEX_OFFSET, index);
        HostOrder.u16(buffer, payload + STATE_OFFSET, state);
        HostOrder.u8(buffer, payload + FLAGS_OFFSET, flags);
    }
}
