package io.jlvs.control.socket;

import io.jlvs.control.api.ControlClient;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.json.WireCodec;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A client of jlvsd's control socket: one connection, one JSON line out and one back per
 * request, all within a {@link ControlTimeout} (connect, send and reply together), so a stopped
 * jlvsd or a listener that never answers ends in a {@link ControlSocketException} instead of a
 * wait without end. It connects on the first request; when it cannot, the exception names the
 * real cause (see {@link ConnectFailure}).
 */
public final class SocketControlClient implements ControlClient, AutoCloseable {
    /** How long to wait before trying again when the listener's queue is full (EAGAIN). */
    private static final long BUSY_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Path socket;
    private final ControlTimeout timeout;
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024).flip();
    private SocketChannel channel;
    private Selector selector;

    public SocketControlClient(Path socket) {
        this(socket, ControlTimeout.DEFAULT);
    }

    public SocketControlClient(Path socket, ControlTimeout timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /**
     * A client of the socket the shared rules pick for this process (JLVS_SOCKET or the default),
     * with the limit JLVS_TIMEOUT sets.
     *
     * @throws IllegalArgumentException when JLVS_TIMEOUT is not a number of seconds
     */
    public static SocketControlClient forDefaultSocket() {
        return new SocketControlClient(defaultSocketPath(), ControlTimeout.fromEnvironment(System.getenv()));
    }

    /** The socket this process's clients use by default (see {@link ControlPaths}). */
    public static Path defaultSocketPath() {
        return ControlPaths.current().socket(null);
    }

    /**
     * Runs the JDK's set-up of Unix sockets and selectors on a thread of its own, so that it
     * overlaps what the caller does before its first request (jlvs adm parses its command line
     * meanwhile): the first Unix socket a JVM opens makes a SecureRandom for the JDK's temporary
     * socket names, 10-15 ms of cold code that jlvs adm would otherwise wait for. A connect started
     * before the set-up is over waits for it (class initialisation), so nothing else changes.
     */
    public static void prepareInBackground() {
        Thread setUp = new Thread(SocketControlClient::setUpUnixSockets, "jlvs-socket-set-up");
        setUp.setDaemon(true);
        setUp.start();
    }

    private static void setUpUnixSockets() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            // Only a head start: the client's own connect meets and reports whatever failed here.
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public synchronized Reply send(Request request) throws IOException {
        long deadline = System.nanoTime() + timeout.nanos();
        connectIfNeeded(deadline);
        String line;
        try {
            write(ByteBuffer.wrap((WireCodec.encode(request) + "\n").getBytes(StandardCharsets.UTF_8)), deadline);
            line = readLine(deadline);
        } catch (ControlSocketException e) {
            closeQuietly();
            throw e;
        } catch (IOException e) {
            closeQuietly();
            throw new IOException("lost the connection to jlvsd at " + ControlPaths.describe(socket) + ": "
                    + e.getMessage(), e);
        }
        if (line == null) {
            closeQuietly();
            throw new IOException("jlvsd at " + ControlPaths.describe(socket) + " closed the connection without a reply");
        }
        return WireCodec.decodeReply(line);
    }

    private void connectIfNeeded(long deadline) throws IOException {
        if (channel != null) {
            return;
        }
        ConnectFailure.checkLength(socket);
        selector = Selector.open();
        try {
            SocketChannel opened;
            while ((opened = tryConnect()) == null) {
                pause(deadline, BUSY_RETRY_NANOS);
            }
            channel = opened;
            opened.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        input.clear().flip();
    }

    /**
     * A connected channel, or null when the listener's accept queue is full (EAGAIN: a stopped or
     * very busy daemon), which is worth trying again until the deadline. A failed connect closes
     * its channel, so each attempt opens one.
     */
    private SocketChannel tryConnect() throws IOException {
        SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            opened.configureBlocking(false);
            // A Unix socket connects at once or not at all: there is no connection in progress.
            if (opened.connect(UnixDomainSocketAddress.of(socket)) || opened.finishConnect()) {
                return opened;
            }
            throw new SocketException("the connection did not complete");
        } catch (IOException e) {
            opened.close();
            ControlSocketException failure = ConnectFailure.diagnose(socket, e);
            if (failure.reason() == ControlSocketException.Reason.OTHER && !(e instanceof ConnectException)) {
                return null;
            }
            throw failure;
        }
    }

    private void write(ByteBuffer out, long deadline) throws IOException {
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    /** The next line from jlvsd without its terminator, or null when it closed first. */
    private String readLine(long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            while (input.hasRemaining()) {
                int start = input.position();
                int end = start;
                while (end < input.limit() && input.get(end) != '\n') {
                    end++;
                }
                line.write(input.array(), start, end - start);
                if (end < input.limit()) {
                    input.position(end + 1);
                    return line.toString(StandardCharsets.UTF_8);
                }
                input.position(end);
            }
            input.clear();
            int n = channel.read(input);
            input.flip();
            if (n < 0) {
                return null;
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
            }
        }
    }

    private void await(int operation, long deadline) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(operation);
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))) == 0
                && System.nanoTime() - deadline >= 0) {
            throw timedOut();
        }
        selector.selectedKeys().clear();
    }

    private void pause(long deadline, long pauseNanos) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut();
        }
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, pauseNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to jlvsd");
        }
    }

    private ControlSocketException timedOut() {
        return new ControlSocketException(ControlSocketException.Reason.TIMED_OUT, "jlvsd at "
                + ControlPaths.describe(socket) + " did not answer within " + timeout + " (is it stopped, or is this"
                + " not jlvsd's socket? " + ControlTimeout.VARIABLE + " sets the limit in seconds)", null);
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        closeQuietly(channel);
        closeQuietly(selector);
        channel = null;
        selector = null;
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Closing what we no longer use; nothing to tell anyone.
            }
        }
    }
}
