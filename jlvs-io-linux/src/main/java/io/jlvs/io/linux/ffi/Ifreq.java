package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} of &lt;net/if.h&gt; as the interface-flag requests use it: a NUL-terminated
 * name, then a union whose first member is {@code short ifr_flags}; 40 bytes on LP64 Linux.
 *
 * <pre>
 *  0                16       18                        40
 *  +----------------+--------+-------------------------+
 *  | ifr_name[16]   | flags  | (rest of the union)     |
 *  +----------------+--------+-------------------------+
 * </pre>
 */
public final class Ifreq {
    /** The struct's size. */
    public static final long SIZE = 40;
    /** IFNAMSIZ: the name's room, its terminating NUL included. */
    public static final int IFNAMSIZ = 16;
    /** Offset of ifr_flags. */
    public static final long FLAGS_OFFSET = 16;

    private Ifreq() {
    }

    /** One zeroed struct. */
    public static MemorySegment allocate(Arena arena) {
        return arena.allocate(SIZE, 8);
    }

    /** Writes the name (at most IFNAMSIZ - 1 bytes of ASCII; the caller checks). */
    public static void name(MemorySegment struct, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        struct.asSlice(0, IFNAMSIZ).fill((byte) 0);
        MemorySegment.copy(bytes, 0, struct, ValueLayout.JAVA_BYTE, 0, bytes.length);
    }

    /** The name, up to its NUL. */
    public static String name(MemorySegment struct) {
        return struct.asSlice(0, IFNAMSIZ).getString(0, StandardCharsets.US_ASCII);
    }

    public static short flags(MemorySegment struct) {
        return struct.get(Libc.C_SHORT, FLAGS_OFFSET);
    }

    public static void flags(MemorySegment struct, short flags) {
        struct.set(Libc.C_SHORT, FLAGS_OFFSET, flags);
    }
}
