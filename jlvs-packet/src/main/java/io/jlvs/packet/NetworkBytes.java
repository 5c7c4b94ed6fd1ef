package io.jlvs.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Unsigned big-endian (network byte order) reads and writes at any alignment, the one place the
 * flyweights touch memory.
 */
public final class NetworkBytes {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private NetworkBytes() {
    }

    /** The byte at offset, 0..255. */
    public static int u8(MemorySegment segment, long offset) {
        return segment.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    /** The 16-bit word at offset, 0..65535. */
    public static int u16(MemorySegment segment, long offset) {
        return segment.get(U16, offset) & 0xFFFF;
    }

    /** The 32-bit word at offset (as the bits of an int). */
    public static int u32(MemorySegment segment, long offset) {
        return segment.get(U32, offset);
    }

    /** The 64-bit word at offset. */
    public static long u64(MemorySegment segment, long offset) {
        return segment.get(U64, offset);
    }

    /** The 48 bits at offset (a MAC address) in the low bits of a long. */
    public static long u48(MemorySegment segment, long offset) {
        return ((long) u16(segment, offset) << 32) | (u32(segment, offset + 2) & 0xFFFF_FFFFL);
    }

    /** Writes the low 8 bits of value. */
    public static void setU8(MemorySegment segment, long offset, int value) {
        segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    /** Writes the low 16 bits of value. */
    public static void setU16(MemorySegment segment, long offset, int value) {
        segment.set(U16, offset, (short) value);
    }

    /** Writes a 32-bit word. */
    public static void setU32(MemorySegment segment, long offset, int value) {
        segment.set(U32, offset, value);
    }

    /** Writes the low 48 bits of value (a MAC address). */
    public static void setU48(MemorySegment segment, long offset, long value) {
        setU16(segment, offset, (int) (value >>> 32));
        setU32(segment, offset + 2, (int) value);
    }
}
