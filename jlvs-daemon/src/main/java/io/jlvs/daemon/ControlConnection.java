package io.jlvs.daemon;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client of the control socket, read as lines and written as UTF-8 lines. A line may be long
 * (a whole ipvsadm -R as one Batch: 10,000 services of 10 real servers are 28 MB) but is bounded
 * twice: one line may not pass {@link #MAX_LINE_BYTES}, and the lines all connections are
 * reading may not together pass their {@link RequestBudget}. Past either, the rest of the line is
 * read and dropped without being kept, and the caller gets a {@link RequestRefusedException} to
 * answer with, so the client learns why and the connection goes on.
 */
final class ControlConnection implements AutoCloseable {
    /** The longest request line accepted: over twice the 28 MB of a 10,000 x 10 restore. */
    static final long MAX_LINE_BYTES = 64L << 20;

    private final SocketChannel channel;
    private final RequestBudget budget;
    private final long maxLineBytes;
    private final byte[] input = new byte[8192];
    private final ByteBuffer inputBuffer = ByteBuffer.wrap(input);
    private int position;
    private int limit;

    ControlConnection(SocketChannel channel, RequestBudget budget) {
        this(channel, budget, MAX_LINE_BYTES);
    }

    ControlConnection(SocketChannel channel, RequestBudget budget, long maxLineBytes) {
        this.channel = channel;
        this.budget = budget;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line without its terminator (the caller closes it), or null at end of stream. A
     * last line without a newline still counts.
     *
     * @throws RequestRefusedException when the line was too long or no budget came free for it;
     *                                 it has been read to its end and nothing of it is held
     */
    RequestLine readLine() throws IOException, RequestRefusedException {
        RequestLine line = new RequestLine(budget);
        boolean handedOver = false;
        String refusal = null;
        try {
            while (true) {
                if (position == limit && !fill()) {
                    if (refusal != null) {
                        throw new RequestRefusedException(refusal);
                    }
                    if (line.length() == 0) {
                        return null;
                    }
                    handedOver = true;
                    return line;
                }
                int newline = indexOfNewline();
                int end = newline < 0 ? limit : newline;
                if (refusal == null) {
                    refusal = keep(line, end - position);
                }
                position = newline < 0 ? limit : newline + 1;
                if (newline >= 0) {
                    if (refusal != null) {
                        throw new RequestRefusedException(refusal);
                    }
                    handedOver = true;
                    return line;
                }
            }
        } finally {
            if (!handedOver) {
                line.close();
            }
        }
    }

    /** Appends count input bytes to line; returns why it was refused instead, dropping what it held. */
    private String keep(RequestLine line, int count) throws InterruptedIOException {
        if (line.length() + count > maxLineBytes) {
            line.close();
            return "the request line is longer than " + describe(maxLineBytes)
                    + ", the limit for one request; nothing was applied";
        }
        try {
            if (line.append(input, position, count)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for request budget");
        }
        line.close();
        return "jlvsd is busy: the requests being read hold " + describe(budget.bytes())
                + ", the limit for all connections together, and none came free in time; nothing was applied,"
                + " try again";
    }

    private static String describe(long bytes) {
        return bytes + " bytes (" + (bytes >> 20) + " MiB)";
    }

    private boolean fill() throws IOException {
        inputBuffer.clear();
        int n = channel.read(inputBuffer);
        position = 0;
        limit = Math.max(n, 0);
        return n >= 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (input[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    void writeLine(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A request line jlvsd would not hold, read to its end; the message is the client's answer. */
    static final class RequestRefusedException extends Exception {
        RequestRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
