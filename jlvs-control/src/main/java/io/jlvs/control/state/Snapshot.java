package io.jlvs.control.state;

import io.jlvs.control.ServiceTable;
import io.jlvs.control.binary.BinaryCodec;
import io.jlvs.control.binary.GrowableBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The snapshot's on-disk format, state.snapshot: the whole table as of one generation, written
 * whole by an atomic rename (so never torn), big-endian.
 * <pre>
 *  0                   8           12                      20          24
 *  +-------------------+-----------+-----------------------+-----------+----------------------+
 *  | magic "JLVSSNAP"  | version   | generation            | CRC32C of | body: the table      |
 *  |                   | u32       | u64                   | the body  | ({@link BinaryCodec}) |
 *  +-------------------+-----------+-----------------------+-----------+----------------------+
 * </pre>
 * Version 2 holds each service's FULLNAT local addresses; version 1 (jlvs before them) still reads,
 * as a table without any. A new snapshot is always version 2.
 */
final class Snapshot {
    /** The snapshot's name in the state directory. */
    static final String FILE_NAME = "state.snapshot";
    static final int HEADER_BYTES = 24;
    private static final long MAGIC = 0x4A4C5653534E4150L; // "JLVSSNAP"
    private static final int VERSION = BinaryCodec.TABLE_VERSION;

    private Snapshot() {
    }

    /** What a snapshot holds. */
    record Contents(long generation, ServiceTable table) {
    }

    static ByteBuffer encode(long generation, ServiceTable table) {
        GrowableBuffer out = new GrowableBuffer(HEADER_BYTES + 64 + 64 * table.services().size());
        out.i64(MAGIC).i32(VERSION).i64(generation).i32(0);
        BinaryCodec.writeTable(out, table);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), HEADER_BYTES, out.position() - HEADER_BYTES);
        out.putI32At(HEADER_BYTES - 4, (int) crc.getValue());
        return out.flipped();
    }

    /**
     * Reads a snapshot's bytes.
     *
     * @throws StateFileException naming the file when they are not a whole snapshot
     */
    static Contents decode(Path file, byte[] bytes) throws StateFileException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER_BYTES || in.getLong(0) != MAGIC) {
            throw new StateFileException(file, "is not a jlvs snapshot", null);
        }
        int version = in.getInt(8);
        if (version != 1 && version != VERSION) {
            throw new StateFileException(file, "is a snapshot of version " + version + ", not 1 or " + VERSION, null);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        if ((int) crc.getValue() != in.getInt(HEADER_BYTES - 4)) {
            throw new StateFileException(file, "is corrupt: its body fails its checksum", null);
        }
        try {
            return new Contents(in.getLong(12), BinaryCodec.readTable(in.position(HEADER_BYTES), version));
        } catch (BinaryCodec.MalformedException e) {
            throw new StateFileException(file, "is corrupt: " + e.getMessage(), e);
        }
    }
}
