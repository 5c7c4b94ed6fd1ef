package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;

/**
 * {@code struct ifaddrmsg} of &lt;linux/if_addr.h&gt;, the fixed part of RTM_NEWADDR, RTM_DELADDR and
 * RTM_GETADDR (host byte order); IFA_* attributes follow:
 *
 * <pre>
 *  0       1           2           3           4                               8
 *  +-------+-----------+-----------+-----------+-------------------------------+
 *  |family | prefixlen | flags     | scope     | ifa_index                     |
 *  +-------+-----------+-----------+-----------+-------------------------------+
 * </pre>
 *
 * The flags byte holds only the low 8 IFA_F_* bits; IFA_FLAGS carries all 32.
 */
final class InterfaceAddressMessage {
    static final int SIZE = 8;
    static final long FAMILY_OFFSET = 0;
    static final long PREFIXLEN_OFFSET = 1;
    static final long FLAGS_OFFSET = 2;
    static final long SCOPE_OFFSET = 3;
    static final long INDEX_OFFSET = 4;

    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    /** IFA_ADDRESS: the address (IPv4: the peer's on a point-to-point link, else the same as IFA_LOCAL). */
    static final int IFA_ADDRESS = 1;
    /** IFA_LOCAL: the local address. */
    static final int IFA_LOCAL = 2;
    /** IFA_LABEL: the IPv4 label ("eth0:0"), NUL-terminated. */
    static final int IFA_LABEL = 3;
    /** IFA_FLAGS: u32, all the IFA_F_* flags. */
    static final int IFA_FLAGS = 8;

    private InterfaceAddressMessage() {
    }

    static int family(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + FAMILY_OFFSET);
    }

    static int prefixLength(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + PREFIXLEN_OFFSET);
    }

    static int flags(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + FLAGS_OFFSET);
    }

    static int scope(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + SCOPE_OFFSET);
    }

    static int index(MemorySegment buffer, long payload) {
        return HostOrder.u32(buffer, payload + INDEX_OFFSET);
    }

    static void write(MemorySegment buffer, long payload, int family, int prefixLength, int flags, int scope,
            int index) {
        HostOrder.u8(buffer, payload + FAMILY_OFFSET, family);
        HostOrder.u8(buffer, payload + PREFIXLEN_OFFSET, prefixLength);
        HostOrder.u8(buffer, payload + FLAGS_OFFSET, flags);
        HostOrder.u8(buffer, payload + SCOPE_OFFSET, scope);
        HostOrder.u32(buffer, payload + INDEX_OFFSET, index);
    }
}
