package io.jlvs.packet;

import java.lang.foreign.MemorySegment;

/**
 * The common part of every header flyweight: a (segment, offset) pair set by {@link #wrap} and
 * big-endian field access relative to the offset. Reads assume the bytes are there; the caller
 * ({@link ParsedFrame}) checks lengths first. No state but the position, so one instance per
 * worker serves every frame.
 *
 * @param <T> the header type, so that wrap chains into its setters
 */
public abstract class HeaderFlyweight<T extends HeaderFlyweight<T>> {
    /** The segment the header is in. */
    protected MemorySegment segment;
    /** Where the header starts in the segment. */
    protected long offset;

    /** Points this flyweight at the header starting at offset. */
    @SuppressWarnings("unchecked")
    public final T wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        return (T) this;
    }

    /** Where the header starts in the segment. */
    public final long offset() {
        return offset;
    }

    /** The segment the header is in. */
    public final MemorySegment segment() {
        return segment;
    }

    /** The byte at field offset at. */
    protected final int u8(long at) {
        return NetworkBytes.u8(segment, offset + at);
    }

    /** The 16-bit word at field offset at. */
    protected final int u16(long at) {
        return NetworkBytes.u16(segment, offset + at);
    }

    /** The 32-bit word at field offset at. */
    protected final int u32(long at) {
        return NetworkBytes.u32(segment, offset + at);
    }

    /** The 48 bits (a MAC) at field offset at. */
    protected final long u48(long at) {
        return NetworkBytes.u48(segment, offset + at);
    }

    /** Writes a byte at field offset at. */
    protected final void setU8(long at, int value) {
        NetworkBytes.setU8(segment, offset + at, value);
    }

    /** Writes a 16-bit word at field offset at. */
    protected final void setU16(long at, int value) {
        NetworkBytes.setU16(segment, offset + at, value);
    }

    /** Writes a 32-bit word at field offset at. */
    protected final void setU32(long at, int value) {
        NetworkBytes.setU32(segment, offset + at, value);
    }

    /** Writes 48 bits (a MAC) at field offset at. */
    protected final void setU48(long at, long value) {
        NetworkBytes.setU48(segment, offset + at, value);
    }
}
