package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;

/**
 * {@code struct rtmsg} of &lt;linux/rtnetlink.h&gt;, the fixed part of RTM_NEWROUTE and RTM_GETROUTE
 * (host byte order); RTA_* attributes follow:
 *
 * <pre>
 *  0       1         2         3       4       5          6       7      8                               12
 *  +-------+---------+---------+-------+-------+----------+-------+------+-------------------------------+
 *  |family | dst_len | src_len | tos   | table | protocol | scope | type | rtm_flags (RTM_F_*)           |
 *  +-------+---------+---------+-------+-------+----------+-------+------+-------------------------------+
 * </pre>
 */
final class RouteMessage {
    static final int SIZE = 12;
    static final long FAMILY_OFFSET = 0;
    static final long DST_LEN_OFFSET = 1;
    static final long TABLE_OFFSET = 4;
    static final long TYPE_OFFSET = 7;
    static final long FLAGS_OFFSET = 8;

    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;

    /** RTM_F_LOOKUP_TABLE: report the table the lookup found the route in (not main for all). */
    static final int RTM_F_LOOKUP_TABLE = 0x1000;

    /** RTA_DST: the destination. */
    static final int RTA_DST = 1;
    /** RTA_OIF: u32, the output interface's index. */
    static final int RTA_OIF = 4;
    /** RTA_GATEWAY: the next hop. */
    static final int RTA_GATEWAY = 5;
    /** RTA_PREFSRC: the preferred source address. */
    static final int RTA_PREFSRC = 7;
    /** RTA_TABLE: u32, the table (rtm_table holds only 8 bits). */
    static final int RTA_TABLE = 15;

    private RouteMessage() {
    }

    static int family(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + FAMILY_OFFSET);
    }

    static int destinationLength(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + DST_LEN_OFFSET);
    }

    static int table(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + TABLE_OFFSET);
    }

    static int type(MemorySegment buffer, long payload) {
        return HostOrder.u8(buffer, payload + TYPE_OFFSET);
    }

    static void write(MemorySegment buffer, long payload, int family, int destinationLength, int flags) {
        HostOrder.u8(buffer, payload + FAMILY_OFFSET, family);
        HostOrder.u8(buffer, payload + DST_LEN_OFFSET, destinationLength);
        HostOrder.u32(buffer, payload + FLAGS_OFFSET, flags);
    }
}
