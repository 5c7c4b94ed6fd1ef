package io.jlvs.daemon;

import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.json.WireCodec;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one control connection, and all of them together, may make jlvsd hold, and odd lines. */
class ControlSocketLimitsTest {
    private static final int MIB = 1 << 20;
    /** Heap that may stay in use after the huge requests, beyond what it was before them. */
    private static final long HEAP_SLACK_BYTES = 64L * MIB;

    @TempDir
    Path dir;

    private Jlvsd start() throws IOException {
        return Jlvsd.start(dir.resolve("run/jlvsd.sock"), dir.resolve("state"));
    }

    @Test
    void theLineNullGetsAnErrorReplyAndNoStackTrace() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try (Jlvsd daemon = start(); SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket()))) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            write(channel, ByteBuffer.wrap("null\n".getBytes(StandardCharsets.UTF_8)));
            String reply = readLine(channel);

            assertEquals(WireCodec.encodeError("not a request: null"), reply);
            write(channel, ByteBuffer.wrap((WireCodec.encode(new Query.GetTimeouts()) + "\n").getBytes(StandardCharsets.UTF_8)));
            assertEquals(new Reply.CurrentTimeouts(Timeouts.DEFAULT), WireCodec.decodeReply(readLine(channel)));
        } finally {
            System.setErr(stderr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("Exception"), logged);
    }

    @Test
    @Timeout(30)
    void connectionsBeyondTheLimitAreRefusedAtOnceSoIdleClientsCannotTakeJlvsdsDescriptors() throws IOException {
        List<SocketChannel> idle = new ArrayList<>();
        try (Jlvsd daemon = start()) {
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(daemon.socket());
            for (int i = 0; i < ControlSocketServer.MAX_CLIENTS; i++) {
                idle.add(SocketChannel.open(address));
            }
            String getTimeouts = WireCodec.encode(new Query.GetTimeouts()) + "\n";
            // the last idle one is served, so every one of them was accepted before the next connects
            write(idle.getLast(), ByteBuffer.wrap(getTimeouts.getBytes(StandardCharsets.UTF_8)));
            assertEquals(new Reply.CurrentTimeouts(Timeouts.DEFAULT), WireCodec.decodeReply(readLine(idle.getLast())));

            String refusal = WireCodec.encodeError("jlvsd serves at most " + ControlSocketServer.MAX_CLIENTS
                    + " control connections at once; try again when one closes");
            try (SocketChannel extra = SocketChannel.open(address)) {
                assertEquals(refusal, readLine(extra));
                assertEquals(-1, extra.read(ByteBuffer.allocate(1)));
            }

            idle.removeFirst().close();
            assertEquals(new Reply.CurrentTimeouts(Timeouts.DEFAULT),
                    WireCodec.decodeReply(replyOnceServed(address, getTimeouts, refusal)));
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    /** The reply to request on a new connection, retried while jlvsd has not yet seen a closed one go. */
    private static String replyOnceServed(UnixDomainSocketAddress address, String request, String refusal)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (SocketChannel channel = SocketChannel.open(address)) {
                String reply;
                try {
                    write(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
                    reply = readLine(channel);
                } catch (IOException refusedAndClosed) {
                    reply = refusal;
                }
                if (!reply.equals(refusal) || System.nanoTime() > deadline) {
                    return reply;
                }
            }
        }
    }

    @Test
    void aLineLongerThanTheLimitGetsAnErrorNamingItAndTheConnectionGoesOn() throws IOException {
        try (Jlvsd daemon = start(); SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket()))) {
            sendLine(channel, ControlConnection.MAX_LINE_BYTES + 1);
            String reply = readLine(channel);

            assertEquals(WireCodec.encodeError("the request line is longer than 67108864 bytes (64 MiB), the limit for"
                    + " one request; nothing was applied"), reply);
            write(channel, ByteBuffer.wrap((WireCodec.encode(new Query.GetTimeouts()) + "\n").getBytes(StandardCharsets.UTF_8)));
            assertEquals(new Reply.CurrentTimeouts(Timeouts.DEFAULT), WireCodec.decodeReply(readLine(channel)));
        }
    }

    /**
     * The report's case: 40 clients, each sending a 63 MB line at once, took jlvsd from 110 MB to
     * 6 GB and kept it. Each gets an answer, and with their connections still open the heap is
     * back where it was.
     */
    @Test
    void fortyClientsSendingHugeLinesAtOnceAllGetAnAnswerAndTheMemoryIsReleased() throws Exception {
        int clients = 40;
        long lineBytes = 63_000_000;
        try (Jlvsd daemon = start(); ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            long before = heapUsedAfterGc();
            List<SocketChannel> channels = new ArrayList<>();
            List<Future<String>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket()));
                    channels.add(channel);
                    replies.add(pool.submit(() -> {
                        sendLine(channel, lineBytes);
                        return readLine(channel);
                    }));
                }
                for (Future<String> reply : replies) {
                    String line = reply.get(5, TimeUnit.MINUTES);
                    assertTrue(line.startsWith("{\"type\":\"ProtocolError\"")
                            && (line.contains("not a jlvs request") || line.contains("the limit for all connections")),
                            line);
                }
                long after = heapUsedAfterGc();
                assertTrue(after - before < HEAP_SLACK_BYTES, "heap in use grew from " + before / MIB + " MiB to "
                        + after / MIB + " MiB with " + clients + " connections open");
                // The connections are still served.
                write(channels.getFirst(), ByteBuffer.wrap((WireCodec.encode(new Query.GetTimeouts()) + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                assertEquals(new Reply.CurrentTimeouts(Timeouts.DEFAULT), WireCodec.decodeReply(readLine(channels.getFirst())));
            } finally {
                for (SocketChannel channel : channels) {
                    channel.close();
                }
            }
        }
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        }
        return used;
    }

    /** Sends a line of length bytes of 'x' (not JSON) and its newline, from one reused 1 MiB buffer. */
    private static void sendLine(SocketChannel channel, long length) throws IOException {
        byte[] chunk = new byte[MIB];
        Arrays.fill(chunk, (byte) 'x');
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(left, chunk.length);
            write(channel, ByteBuffer.wrap(chunk, 0, n));
            left -= n;
        }
        write(channel, ByteBuffer.wrap(new byte[] {'\n'}));
    }

    private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** One reply line, read a byte at a time so nothing after it is consumed. */
    private static String readLine(SocketChannel channel) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("jlvsd closed the connection; got so far: " + line);
            }
            if (one.get(0) == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(one.get(0));
        }
    }
}
