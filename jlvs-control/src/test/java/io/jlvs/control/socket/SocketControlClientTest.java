package io.jlvs.control.socket;

import io.jlvs.control.api.Query;
import io.jlvs.control.socket.ControlSocketException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's deadline and the cause it names when the socket cannot be used. */
class SocketControlClientTest {
    private static final ControlTimeout SHORT = ControlTimeout.parse("0.3");

    @TempDir
    Path dir;

    private ControlSocketException failure(Path socket, ControlTimeout timeout) {
        try (SocketControlClient client = new SocketControlClient(socket, timeout)) {
            return assertThrows(ControlSocketException.class, () -> client.send(new Query.GetTimeouts()));
        }
    }

    @Test
    void withoutASocketFileItSaysThereIsNoSocket() {
        Path socket = dir.resolve("jlvsd.sock");

        ControlSocketException e = failure(socket, ControlTimeout.DEFAULT);

        assertEquals(Reason.NO_SOCKET, e.reason());
        assertTrue(e.getMessage().startsWith("there is no jlvsd socket at " + socket + " (no such file)"), e.getMessage());
    }

    @Test
    void aSocketNobodyAcceptsOnIsNothingListening() throws IOException {
        Path socket = dir.resolve("jlvsd.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }

        ControlSocketException e = failure(socket, ControlTimeout.DEFAULT);

        assertEquals(Reason.NOTHING_LISTENING, e.reason());
        assertTrue(e.getMessage().startsWith("no jlvsd is listening at " + socket), e.getMessage());
    }

    @Test
    void aFileThatIsNotASocketIsNamedSo() throws IOException {
        Path socket = Files.writeString(dir.resolve("jlvsd.sock"), "not a socket");

        ControlSocketException e = failure(socket, ControlTimeout.DEFAULT);

        assertEquals(Reason.NOT_A_SOCKET, e.reason());
        assertTrue(e.getMessage().startsWith(socket + " is not a socket"), e.getMessage());
    }

    @Test
    void aListenerThatAcceptsAndNeverAnswersEndsAtTheDeadline() throws Exception {
        Path socket = dir.resolve("silent.sock");
        List<SocketChannel> accepted = new ArrayList<>();
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException ignored) {
                    // The test closed the listener.
                }
            });
            long start = System.nanoTime();

            ControlSocketException e = failure(socket, SHORT);

            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Reason.TIMED_OUT, e.reason());
            assertEquals("jlvsd at " + socket + " did not answer within 0.3 s (is it stopped, or is this not jlvsd's"
                    + " socket? JLVS_TIMEOUT sets the limit in seconds)", e.getMessage());
            assertTrue(elapsedMillis >= 290 && elapsedMillis < 5_000, elapsedMillis + " ms");
            acceptor.join(5_000);
        } finally {
            for (SocketChannel channel : accepted) {
                channel.close();
            }
        }
    }

    @Test
    void aListenerThatNeverAcceptsEndsAtTheDeadlineEvenWithItsQueueFull() throws Exception {
        Path socket = dir.resolve("full.sock");
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel stopped = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stopped.bind(UnixDomainSocketAddress.of(socket), 1);
            // Fill the accept queue, as clients waiting on a SIGSTOPped daemon do.
            while (true) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.configureBlocking(false);
                try {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    queued.add(channel);
                } catch (IOException full) {
                    channel.close();
                    break;
                }
            }

            ControlSocketException e = failure(socket, SHORT);

            assertEquals(Reason.TIMED_OUT, e.reason());
        } finally {
            for (SocketChannel channel : queued) {
                channel.close();
            }
        }
    }

    @Test
    void aPathTooLongForASocketIsNamedBeforeConnecting() {
        Path socket = dir.resolve("x".repeat(120));

        ControlSocketException e = failure(socket, ControlTimeout.DEFAULT);

        assertTrue(e.getMessage().contains("a Unix socket's path may have at most 107"), e.getMessage());
    }
}
