package io.jlvs.control.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A big-endian byte buffer that doubles when full: what the state codec writes into. */
final class GrowableBuffer {
    private ByteBuffer buffer;

    GrowableBuffer(int initialCapacity) {
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

    GrowableBuffer u8(int value) {
        room(1).put((byte) value);
        return this;
    }

    GrowableBuffer i32(int value) {
        room(4).putInt(value);
        return this;
    }

    GrowableBuffer i64(long value) {
        room(8).putLong(value);
        return this;
    }

    GrowableBuffer bytes(byte[] value) {
        room(value.length).put(value);
        return this;
    }

    /** A string as its UTF-8 length (u16) and bytes. */
    GrowableBuffer string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("a string of " + utf8.length + " bytes does not fit the state format");
        }
        room(2 + utf8.length).putShort((short) utf8.length).put(utf8);
        return this;
    }

    int position() {
        return buffer.position();
    }

    /** Overwrites an int written earlier (a length or checksum filled in afterwards). */
    void putI32At(int index, int value) {
        buffer.putInt(index, value);
    }

    byte[] array() {
        return buffer.array();
    }

    /** What was written, ready to be read or written out. */
    ByteBuffer flipped() {
        return buffer.duplicate().flip();
    }
}
