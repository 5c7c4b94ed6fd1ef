package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;

/**
 * {@code struct rtattr} of &lt;linux/rtnetlink.h&gt; (the same shape as nlattr), one attribute of a
 * message: a header in host byte order, then the value, padded to 4 bytes. A nested attribute's
 * value is itself a run of attributes.
 *
 * <pre>
 *  0               2               4
 *  +---------------+---------------+--------------------------------+
 *  | rta_len       | rta_type      | value (rta_len - 4 bytes) pad  |
 *  +---------------+---------------+--------------------------------+
 * </pre>
 *
 * The top bits of the type are flags (NLA_F_NESTED, NLA_F_NET_BYTEORDER), masked off when read.
 */
final class RouteAttribute {
    static final int SIZE = 4;
    static final long LEN_OFFSET = 0;
    static final long TYPE_OFFSET = 2;
    /** NLA_TYPE_MASK: the type without the flag bits. */
    static final int TYPE_MASK = 0x3fff;

    private RouteAttribute() {
    }

    static int length(MemorySegment buffer, long offset) {
        return HostOrder.u16(buffer, offset + LEN_OFFSET);
    }

    static int type(MemorySegment buffer, long offset) {
        return HostOrder.u16(buffer, offset + TYPE_OFFSET) & TYPE_MASK;
    }

    static void write(MemorySegment buffer, long offset, int type, int valueLength) {
        HostOrder.u16(buffer, offset + LEN_OFFSET, SIZE + valueLength);
        HostOrder.u16(buffer, offset + TYPE_OFFSET, type);
    }
}
