package io.jlvs.control.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The open journal, appended to one record per request and fdatasync'ed before the reply. A
 * failed append is cut back off, so the next record follows the last whole one; when even that
 * fails, every later append is refused until jlvsd restarts (and drops the torn tail).
 */
final class JournalAppender implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private long end;
    private IOException broken;

    private JournalAppender(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    /** Opens a journal to append after its last whole record, cutting off anything beyond it. */
    static JournalAppender open(Path file, long validEnd) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            if (channel.size() != validEnd) {
                channel.truncate(validEnd);
                channel.force(true);
            }
            return new JournalAppender(file, channel, validEnd);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The journal's length: header and whole records. */
    long size() {
        return end;
    }

    /** Appends one record durably, or leaves the journal as it was and throws. */
    void append(ByteBuffer record) throws IOException {
        if (broken != null) {
            throw new IOException("the journal " + file + " could not be repaired after a failed write;"
                    + " restart jlvsd", broken);
        }
        int length = record.remaining();
        try {
            long position = end;
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
            channel.force(false);
            end += length;
        } catch (IOException e) {
            try {
                channel.truncate(end);
                channel.force(false);
            } catch (IOException again) {
                e.addSuppressed(again);
                broken = e;
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
