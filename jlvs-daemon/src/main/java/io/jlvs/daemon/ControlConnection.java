package io.jlvs.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client of the control socket, read and written as UTF-8 lines. A line may be long (a
 * whole ipvsadm -R as one Batch) but not unbounded: past {@link #MAX_LINE_BYTES} the
 * connection is dropped rather than the daemon's memory.
 */
final class ControlConnection implements AutoCloseable {
    /** The longest request line accepted. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final SocketChannel channel;
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024).flip();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ControlConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /** The next line without its terminator, or null at end of stream. */
    String readLine() throws IOException {
        line.reset();
        while (true) {
            while (input.hasRemaining()) {
                byte b = input.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= MAX_LINE_BYTES) {
                    throw new LineTooLongException();
                }
                line.write(b);
            }
            input.clear();
            int n = channel.read(input);
            input.flip();
            if (n < 0) {
                // A last line without a newline still counts as a request.
                return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
            }
        }
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

    /** A request line longer than the limit. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("a request line is longer than " + MAX_LINE_BYTES + " bytes");
        }
    }
}
