package io.jlvs.control.state;

import io.jlvs.control.binary.BinaryCodec;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's on-disk format, state.journal: a header naming the snapshot it continues, then
 * one record per request that changed the table. All numbers are big-endian.
 * <pre>
 * header (24 bytes, written whole: the file is created by an atomic rename)
 *  0                   8           12                      20          24
 *  +-------------------+-----------+-----------------------+-----------+
 *  | magic "JLVSJRNL"  | version 1 | snapshot generation   | CRC32C of |
 *  |                   | u32       | u64                   | bytes 0-19|
 *  +-------------------+-----------+-----------------------+-----------+
 * record (8 + length bytes, appended and fsynced per request)
 *  0           4           8
 *  +-----------+-----------+----------------------------------------------+
 *  | length    | CRC32C of | payload: the request's applied commands,     |
 *  | u32       | payload   | one Batch ({@link BinaryCodec})               |
 *  +-----------+-----------+----------------------------------------------+
 * </pre>
 * A crash during an append leaves a torn last record: too short for its length, or failing its
 * checksum with nothing after it, or zeros where the file grew without its data. That record
 * is the request that never got its reply; it is dropped. A bad record with more after it is
 * corruption, and an error.
 */
final class Journal {
    /** The journal's name in the state directory. */
    static final String FILE_NAME = "state.journal";
    static final int HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 8;
    /** The largest payload a record may claim; a larger length is read as garbage. */
    static final int MAX_PAYLOAD_BYTES = 1 << 30;
    private static final long MAGIC = 0x4A4C56534A524E4CL; // "JLVSJRNL"
    private static final int VERSION = 1;

    private Journal() {
    }

    /** One record: where it starts in the file and its payload. */
    record Entry(long offset, byte[] payload) {
    }

    /**
     * What a journal holds.
     *
     * @param generation the snapshot generation it continues
     * @param entries    its whole records, in order
     * @param validEnd   where the last whole record ends (the file's length unless the tail is torn)
     * @param tornTail   why the bytes from validEnd on were dropped, or null when there are none
     */
    record Contents(long generation, List<Entry> entries, long validEnd, String tornTail) {
    }

    /** A fresh journal's header. */
    static ByteBuffer header(long generation) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putLong(MAGIC).putInt(VERSION).putLong(generation);
        header.putInt(crc(header.array(), 0, HEADER_BYTES - 4));
        return header.flip();
    }

    /** One record framing this payload. */
    static ByteBuffer record(ByteBuffer payload) {
        int length = payload.remaining();
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + length);
        record.putInt(length).putInt((int) crc.getValue()).put(payload);
        return record.flip();
    }

    /**
     * Reads a journal's bytes.
     *
     * @throws StateFileException naming the file and offset when the header or a record before
     *                            the last is not what jlvs wrote
     */
    static Contents read(Path file, byte[] bytes) throws StateFileException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER_BYTES || in.getLong(0) != MAGIC
                || in.getInt(HEADER_BYTES - 4) != crc(bytes, 0, HEADER_BYTES - 4)) {
            throw new StateFileException(file, "is corrupt at offset 0: not a jlvs journal header", null);
        }
        if (in.getInt(8) != VERSION) {
            throw new StateFileException(file, "is a journal of version " + in.getInt(8) + ", not " + VERSION, null);
        }
        long generation = in.getLong(12);
        List<Entry> entries = new ArrayList<>();
        int offset = HEADER_BYTES;
        while (offset < bytes.length) {
            int remaining = bytes.length - offset;
            if (remaining < RECORD_HEADER_BYTES) {
                return torn(generation, entries, offset, "a record header cut short");
            }
            int length = in.getInt(offset);
            int checksum = in.getInt(offset + 4);
            if (length == 0 && allZero(bytes, offset)) {
                return torn(generation, entries, offset, "zeros where a record was being written");
            }
            if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > remaining - RECORD_HEADER_BYTES) {
                if (length > 0 && length <= MAX_PAYLOAD_BYTES) {
                    return torn(generation, entries, offset, "a record cut short (" + (remaining - RECORD_HEADER_BYTES)
                            + " of " + length + " bytes)");
                }
                throw corrupt(file, offset, "a record length of " + Integer.toUnsignedString(length));
            }
            int end = offset + RECORD_HEADER_BYTES + length;
            if (crc(bytes, offset + RECORD_HEADER_BYTES, length) != checksum) {
                if (end == bytes.length) {
                    return torn(generation, entries, offset, "a last record failing its checksum");
                }
                throw corrupt(file, offset, "a record failing its checksum");
            }
            byte[] payload = new byte[length];
            System.arraycopy(bytes, offset + RECORD_HEADER_BYTES, payload, 0, length);
            entries.add(new Entry(offset, payload));
            offset = end;
        }
        return new Contents(generation, entries, offset, null);
    }

    static StateFileException corrupt(Path file, long offset, String what) {
        return new StateFileException(file, "is corrupt at offset " + offset + ": " + what, null);
    }

    private static Contents torn(long generation, List<Entry> entries, int offset, String why) {
        return new Contents(generation, entries, offset, why);
    }

    private static boolean allZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
