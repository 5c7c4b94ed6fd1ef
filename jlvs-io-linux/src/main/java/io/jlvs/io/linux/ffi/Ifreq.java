package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} of &lt;net/if.h&gt;: an interface name and one union member, of which the
 * bindings read ifr_ifindex, ifr_mtu (both an int at 16) and ifr_hwaddr (a struct sockaddr at 16,
 * whose sa_data holds the address from 18).
 *
 * <pre>
 *  0                 16          18                           40
 *  +-----------------+-----------+----------------------------+
 *  | ifr_name[16]    | union: ifindex / mtu (int) / hwaddr    |
 *  | NUL-terminated  | (sa_family, sa_data[14])               |
 *  +-----------------+----------------------------------------+
 * </pre>
 */
public final class Ifreq {
    /** sizeof(struct ifreq). */
    public static final long BYTES = 40;
    /** IFNAMSIZ: the name's room, its terminating NUL included. */
    public static final int IFNAMSIZ = 16;
    /** Offset of ifr_ifindex and ifr_mtu. */
    public static final long INT_VALUE_OFFSET = 16;
    /** Offset of ifr_hwaddr.sa_data, where a MAC address starts. */
    public static final long HWADDR_DATA_OFFSET = 18;

    private Ifreq() {
    }

    /** A zeroed struct naming the interface (the caller has checked the name fits). */
    public static MemorySegment allocate(Arena arena, String name) {
        MemorySegment struct = arena.allocate(BYTES, 8);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(bytes, 0, struct, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return struct;
    }

    /** ifr_ifindex or ifr_mtu. */
    public static int intValue(MemorySegment struct) {
        return struct.get(ValueLayout.JAVA_INT, INT_VALUE_OFFSET);
    }

    /** The first length bytes of ifr_hwaddr.sa_data. */
    public static byte[] hardwareAddress(MemorySegment struct, int length) {
        return struct.asSlice(HWADDR_DATA_OFFSET, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
