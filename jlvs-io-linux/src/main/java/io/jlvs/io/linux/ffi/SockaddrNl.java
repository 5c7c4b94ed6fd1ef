package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;

/**
 * {@code struct sockaddr_nl} of &lt;linux/netlink.h&gt;, a netlink socket's address:
 *
 * <pre>
 *  0               2               4                               8                              12
 *  +---------------+---------------+-------------------------------+-------------------------------+
 *  | nl_family     | nl_pad        | nl_pid (port id, 0: kernel)   | nl_groups (multicast bitmask) |
 *  +---------------+---------------+-------------------------------+-------------------------------+
 * </pre>
 */
public final class SockaddrNl {
    /** The struct's layout. */
    public static final GroupLayout LAYOUT = MemoryLayout.structLayout(
            Libc.C_SHORT.withName("nl_family"),
            Libc.C_SHORT.withName("nl_pad"),
            Libc.C_INT.withName("nl_pid"),
            Libc.C_INT.withName("nl_groups")).withName("sockaddr_nl");
    /** Offset of the address family (AF_NETLINK). */
    public static final long NL_FAMILY_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("nl_family"));
    /** Offset of the port id. */
    public static final long NL_PID_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("nl_pid"));
    /** Offset of the multicast groups. */
    public static final long NL_GROUPS_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("nl_groups"));

    private SockaddrNl() {
    }

    /** One zeroed struct. */
    public static MemorySegment allocate(Arena arena) {
        return arena.allocate(LAYOUT);
    }

    public static void nl_family(MemorySegment struct, short value) {
        struct.set(Libc.C_SHORT, NL_FAMILY_OFFSET, value);
    }

    public static int nl_pid(MemorySegment struct) {
        return struct.get(Libc.C_INT, NL_PID_OFFSET);
    }

    public static void nl_pid(MemorySegment struct, int value) {
        struct.set(Libc.C_INT, NL_PID_OFFSET, value);
    }

    public static void nl_groups(MemorySegment struct, int value) {
        struct.set(Libc.C_INT, NL_GROUPS_OFFSET, value);
    }

    /** The struct's size, as bind and sendto take it. */
    public static int size() {
        return (int) LAYOUT.byteSize();
    }
}
