package io.jlvs.control.binary;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@link ServiceListCodec}'s bytes straight from an array: jlvs adm decodes a listing once,
 * interpreted, where each ByteBuffer.get is three calls deep and each string a new String. Strings
 * that repeat (a scheduler's name, an enum's) are compared in place and the last one returned again.
 */
final class ByteCursor {
    private static final int MAX_VAR64_BYTES = 10;

    private final byte[] bytes;
    private int position;

    ByteCursor(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean atEnd() {
        return position == bytes.length;
    }

    int remaining() {
        return bytes.length - position;
    }

    int u8() throws BinaryCodec.MalformedException {
        if (position == bytes.length) {
            throw endsEarly();
        }
        return bytes[position++] & 0xFF;
    }

    /** A var holding an int's 32 bits. */
    int var() throws BinaryCodec.MalformedException {
        if (position < bytes.length && bytes[position] >= 0) {
            return bytes[position++];
        }
        long value = var64();
        if (value >>> Integer.SIZE != 0) {
            throw new BinaryCodec.MalformedException("a number of more than 32 bits where an int belongs");
        }
        return (int) value;
    }

    long var64() throws BinaryCodec.MalformedException {
        long value = 0;
        for (int i = 0; i < MAX_VAR64_BYTES; i++) {
            int b = u8();
            value |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                return value;
            }
        }
        throw new BinaryCodec.MalformedException("a number longer than " + MAX_VAR64_BYTES + " bytes");
    }

    /** A string as BinaryCodec writes it (u16 length, UTF-8), previous when it is the same text again. */
    String string(String previous) throws BinaryCodec.MalformedException {
        int length = u8() << 8 | u8();
        if (length > remaining()) {
            throw endsEarly();
        }
        int start = position;
        position += length;
        if (previous != null && sameAscii(previous, start, length)) {
            return previous;
        }
        return new String(bytes, start, length, StandardCharsets.UTF_8);
    }

    /** An enum constant by name, one of values, compared in place. */
    <E extends Enum<E>> E constant(E[] values) throws BinaryCodec.MalformedException {
        int length = u8() << 8 | u8();
        if (length > remaining()) {
            throw endsEarly();
        }
        int start = position;
        position += length;
        for (E value : values) {
            if (sameAscii(value.name(), start, length)) {
                return value;
            }
        }
        throw new BinaryCodec.MalformedException("\"" + new String(bytes, start, length, StandardCharsets.UTF_8)
                + "\" is not a " + values[0].getDeclaringClass().getSimpleName());
    }

    /** An address as BinaryCodec writes it: its length (4 or 16) and bytes. */
    InetAddress address() throws BinaryCodec.MalformedException {
        int length = u8();
        if (length != 4 && length != 16) {
            throw new BinaryCodec.MalformedException("an address of " + length + " bytes");
        }
        if (length > remaining()) {
            throw endsEarly();
        }
        byte[] address = new byte[length];
        System.arraycopy(bytes, position, address, 0, length);
        position += length;
        try {
            // raw bytes: no name lookup
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new BinaryCodec.MalformedException(e.getMessage());
        }
    }

    /** Whether the bytes at start are text's, all of its chars being ASCII. */
    private boolean sameAscii(String text, int start, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[start + i] != text.charAt(i) || text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static BinaryCodec.MalformedException endsEarly() {
        return new BinaryCodec.MalformedException("it ends early");
    }
}
