package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code struct rlimit} of &lt;sys/resource.h&gt; on LP64 Linux, with its layout spelled out:
 *
 * <pre>
 *  0                   8                   16
 *  +-------------------+-------------------+
 *  | rlim_t rlim_cur   | rlim_t rlim_max   |   rlim_t: unsigned long
 *  +-------------------+-------------------+
 * </pre>
 *
 * {@link #RLIM_INFINITY} (all bits set) reads as -1 in a Java long.
 */
public final class Rlimit {
    /** The struct's layout. */
    public static final GroupLayout LAYOUT = MemoryLayout.structLayout(
            Libc.C_LONG.withName("rlim_cur"),
            Libc.C_LONG.withName("rlim_max")).withName("rlimit");
    /** Offset of the soft limit. */
    public static final long RLIM_CUR_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("rlim_cur"));
    /** Offset of the hard limit (ceiling of the soft limit). */
    public static final long RLIM_MAX_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("rlim_max"));
    /** "No limit", ~0UL. */
    public static final long RLIM_INFINITY = -1L;

    private static final ValueLayout.OfLong FIELD = Libc.C_LONG;

    private Rlimit() {
    }

    /** One zeroed struct. */
    public static MemorySegment allocate(Arena arena) {
        return arena.allocate(LAYOUT);
    }

    public static long rlim_cur(MemorySegment struct) {
        return struct.get(FIELD, RLIM_CUR_OFFSET);
    }

    public static void rlim_cur(MemorySegment struct, long value) {
        struct.set(FIELD, RLIM_CUR_OFFSET, value);
    }

    public static long rlim_max(MemorySegment struct) {
        return struct.get(FIELD, RLIM_MAX_OFFSET);
    }

    public static void rlim_max(MemorySegment struct, long value) {
        struct.set(FIELD, RLIM_MAX_OFFSET, value);
    }
}
