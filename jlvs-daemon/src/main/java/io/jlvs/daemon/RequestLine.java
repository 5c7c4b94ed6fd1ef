package io.jlvs.daemon;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One request line as read: the bytes without the line break, in chunks charged to the
 * {@link RequestBudget}, so a large line is held once, never copied into a growing array and then
 * into a String. Closing it gives the chunks back.
 */
final class RequestLine implements AutoCloseable {
    private final RequestBudget budget;
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastChunkLength = RequestBudget.CHUNK_BYTES;
    private long length;

    RequestLine(RequestBudget budget) {
        this.budget = budget;
    }

    long length() {
        return length;
    }

    /**
     * Appends bytes, taking chunks from the budget as needed.
     *
     * @return false when the budget had no chunk to give (nothing more was appended)
     */
    boolean append(byte[] source, int offset, int count) throws InterruptedException {
        int at = offset;
        int left = count;
        while (left > 0) {
            if (lastChunkLength == RequestBudget.CHUNK_BYTES) {
                byte[] chunk = budget.takeChunk();
                if (chunk == null) {
                    return false;
                }
                chunks.add(chunk);
                lastChunkLength = 0;
            }
            int n = Math.min(left, RequestBudget.CHUNK_BYTES - lastChunkLength);
            System.arraycopy(source, at, chunks.getLast(), lastChunkLength, n);
            lastChunkLength += n;
            length += n;
            at += n;
            left -= n;
        }
        return true;
    }

    /** The line's bytes as a stream, for a parser to read without another copy. */
    InputStream stream() {
        return new InputStream() {
            private int chunk;
            private int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int count) {
                if (count == 0) {
                    return 0;
                }
                while (chunk < chunks.size()) {
                    int end = chunk == chunks.size() - 1 ? lastChunkLength : RequestBudget.CHUNK_BYTES;
                    if (position < end) {
                        int n = Math.min(count, end - position);
                        System.arraycopy(chunks.get(chunk), position, target, offset, n);
                        position += n;
                        return n;
                    }
                    chunk++;
                    position = 0;
                }
                return -1;
            }
        };
    }

    /** Drops the bytes and gives their chunks back to the budget. */
    @Override
    public void close() {
        int count = chunks.size();
        chunks.clear();
        lastChunkLength = RequestBudget.CHUNK_BYTES;
        length = 0;
        budget.giveBack(count);
    }
}
