package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;

/**
 * {@code struct ifinfomsg} of &lt;linux/rtnetlink.h&gt;, the fixed part of RTM_NEWLINK, RTM_GETLINK
 * (host byte order); IFLA_* attributes follow:
 *
 * <pre>
 *  0       1       2               4                               8                              12                              16
 *  +-------+-------+---------------+-------------------------------+-------------------------------+-------------------------------+
 *  |family | pad   | ifi_type      | ifi_index                     | ifi_flags (IFF_*)             | ifi_change                    |
 *  +-------+-------+---------------+-------------------------------+-------------------------------+-------------------------------+
 * </pre>
 */
final class InterfaceInfoMessage {
    static final int SIZE = 16;
    static final long FAMILY_OFFSET = 0;
    static final long INDEX_OFFSET = 4;
    static final long FLAGS_OFFSET = 8;
    static final long CHANGE_OFFSET = 12;

    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;

    /** IFLA_ADDRESS: the link-layer address. */
    static final int IFLA_ADDRESS = 1;
    /** IFLA_IFNAME: the name, NUL-terminated. */
    static final int IFLA_IFNAME = 3;
    /** IFLA_MTU: u32. */
    static final int IFLA_MTU = 4;
    /** IFLA_LINKINFO: nested, IFLA_INFO_KIND inside. */
    static final int IFLA_LINKINFO = 18;
    /** IFLA_INFO_KIND (inside IFLA_LINKINFO): the driver kind ("veth", "dummy"), NUL-terminated. */
    static final int IFLA_INFO_KIND = 1;

    private InterfaceInfoMessage() {
    }

    static int index(MemorySegment buffer, long payload) {
        return HostOrder.u32(buffer, payload + INDEX_OFFSET);
    }

    static int flags(MemorySegment buffer, long payload) {
        return HostOrder.u32(buffer, payload + FLAGS_OFFSET);
    }

    /** Sets the flags under the change mask (the flags a request means to change). */
    static void flags(MemorySegment buffer, long payload, int flags, int change) {
        HostOrder.u32(buffer, payload + FLAGS_OFFSET, flags);
        HostOrder.u32(buffer, payload + CHANGE_OFFSET, change);
    }

    static void write(MemorySegment buffer, long payload, int index) {
        HostOrder.u8(buffer, payload + FAMILY_OFFSET, 0); // AF_UNSPEC
        HostOrder.u32(buffer, payload + INDEX_OFFSET, index);
    }
}
