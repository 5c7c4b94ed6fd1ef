package io.jlvs.control.binary;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A big-endian byte buffer that doubles when full: what the binary codec writes into. */
public final class GrowableBuffer {
    private ByteBuffer buffer;

    public GrowableBuffer(int initialCapacity) {
        buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
    }

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }

    public GrowableBuffer u8(int value) {
        room(1).put((byte) value);
        return this;
    }

    public GrowableBuffer i32(int value) {
        room(4).putInt(value);
        return this;
    }

    public GrowableBuffer i64(long value) {
        room(8).putLong(value);
        return this;
    }

    /** An int's 32 bits, unsigned, as a LEB128 varint (1 byte below 128, 5 for a negative int). */
    public GrowableBuffer var(int value) {
        return var64(Integer.toUnsignedLong(value));
    }

    /** A long's 64 bits, unsigned, as a LEB128 varint. */
    public GrowableBuffer var64(long value) {
        ByteBuffer out = room(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.put((byte) (rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        out.put((byte) rest);
        return this;
    }

    public GrowableBuffer bytes(byte[] value) {
        room(value.length).put(value);
        return this;
    }

    /** A string as its UTF-8 length (u16) and bytes. */
    public GrowableBuffer string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("a string of " + utf8.length + " bytes does not fit the state format");
        }
        room(2 + utf8.length).putShort((short) utf8.length).put(utf8);
        return this;
    }

    public int position() {
        return buffer.position();
    }

    /** Overwrites an int written earlier (a length or checksum filled in afterwards). */
    public void putI32At(int index, int value) {
        buffer.putInt(index, value);
    }

    public byte[] array() {
        return buffer.array();
    }

    /** A copy of what was written. */
    public byte[] toArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** What was written, ready to be read or written out. */
    public ByteBuffer flipped() {
        return buffer.duplicate().flip();
    }
}
