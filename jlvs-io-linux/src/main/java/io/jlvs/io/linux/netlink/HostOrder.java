package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Unsigned fields of netlink's structs, in the host byte order netlink uses and at any offset
 * (attributes align to 4 bytes only): what every layout class of this package reads and writes.
 */
final class HostOrder {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

    private HostOrder() {
    }

    static int u8(MemorySegment buffer, long offset) {
        return Byte.toUnsignedInt(buffer.get(ValueLayout.JAVA_BYTE, offset));
    }

    static void u8(MemorySegment buffer, long offset, int value) {
        buffer.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    static int u16(MemorySegment buffer, long offset) {
        return Short.toUnsignedInt(buffer.get(U16, offset));
    }

    static void u16(MemorySegment buffer, long offset, int value) {
        buffer.set(U16, offset, (short) value);
    }

    /** A 32-bit field (u32 or s32: the caller reads it as it means it). */
    static int u32(MemorySegment buffer, long offset) {
        return buffer.get(U32, offset);
    }

    static void u32(MemorySegment buffer, long offset, int value) {
        buffer.set(U32, offset, value);
    }
}
