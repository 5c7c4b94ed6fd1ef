package io.jlvs.daemon;

import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.json.WireCodec;
import io.jlvs.control.socket.ControlPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * jlvsd's control socket: a Unix domain socket, mode 0600 in a 0700 directory of the daemon's
 * user, that takes one JSON request per line and answers each with one JSON reply line, for any
 * number of clients at once (a virtual thread each). A line that is not a request, or that is
 * too long or finds the daemon's request memory spent, gets an error line and the connection
 * stays open.
 */
final class ControlSocketServer implements AutoCloseable {
    /** The bytes of request lines all connections together may hold: two of the longest lines. */
    static final long MAX_BUFFERED_BYTES = 2 * ControlConnection.MAX_LINE_BYTES;
    /** How long a reader waits for others to release request memory before it is refused. */
    static final Duration BUDGET_WAIT = Duration.ofSeconds(2);
    /**
     * The control connections served at once: well inside the descriptors jlvsd keeps for itself
     * (256), so clients that connect and never close cannot starve its state file or the proxy.
     */
    static final int MAX_CLIENTS = 128;

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocketServer.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final Function<Request, Reply> handler;
    private final RequestBudget budget = new RequestBudget(MAX_BUFFERED_BYTES, BUDGET_WAIT);
    private final AcceptBackoff backoff = new AcceptBackoff();
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlSocketServer(Path socket, ServerSocketChannel server, Function<Request, Reply> handler) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.acceptor = Thread.ofPlatform().name("jlvsd-accept").daemon().unstarted(this::acceptLoop);
    }

    /**
     * Binds the socket (see {@link ControlSocketBinder}) and starts accepting. A socket file that
     * answers belongs to a running jlvsd and is refused; one that does not is what a killed daemon
     * left, and is replaced; any other file is refused.
     */
    static ControlSocketServer start(Path socket, Function<Request, Reply> handler) throws DaemonStartupException {
        ServerSocketChannel server = ControlSocketBinder.bind(socket, ControlPaths.current().uid());
        ControlSocketServer result = new ControlSocketServer(socket, server, handler);
        result.acceptor.start();
        return result;
    }

    Path socket() {
        return socket;
    }

    /** The request memory, for tests: every chunk is free again once all requests were answered. */
    RequestBudget budget() {
        return budget;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                pause(backoff.failed(e));
                continue;
            }
            backoff.succeeded();
            if (clients.size() >= MAX_CLIENTS) {
                refuse(client);
                continue;
            }
            clients.add(client);
            Thread.ofVirtual().name("jlvsd-client").start(() -> serve(client));
        }
    }

    /** Tells a client past {@link #MAX_CLIENTS} why, without waiting on it, and closes it. */
    private static void refuse(SocketChannel client) {
        try (client) {
            client.configureBlocking(false);
            client.write(ByteBuffer.wrap((WireCodec.encodeError("jlvsd serves at most " + MAX_CLIENTS
                    + " control connections at once; try again when one closes") + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.debug("could not refuse a control connection: {}", e.toString());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(SocketChannel client) {
        try (client; ControlConnection connection = new ControlConnection(client, budget)) {
            while (true) {
                String reply;
                try (RequestLine line = connection.readLine()) {
                    if (line == null) {
                        return;
                    }
                    reply = answer(line);
                } catch (ControlConnection.RequestRefusedException e) {
                    reply = WireCodec.encodeError(e.getMessage());
                }
                connection.writeLine(reply);
            }
        } catch (IOException e) {
            // The client went away (a broken pipe, a reset), or jlvsd is shutting down: the client's
            // affair, not the daemon's.
            LOG.debug("control connection ended: {}", e.toString());
        } finally {
            clients.remove(client);
        }
    }

    /** One reply line (or error line) for one request line; never throws. */
    private String answer(RequestLine line) {
        Request request;
        try {
            request = WireCodec.decodeRequest(line.stream());
        } catch (IllegalArgumentException e) {
            return WireCodec.encodeError(e.getMessage());
        }
        line.close();
        try {
            return WireCodec.encode(handler.apply(request));
        } catch (UncheckedIOException e) {
            // The table could not be saved (a full disk, a read-only file system): nothing changed.
            LOG.warn("request refused: {}", e.getMessage());
            return WireCodec.encodeError(e.getMessage() + "; nothing was changed");
        } catch (RuntimeException e) {
            LOG.error("request failed: {}", request, e);
            return WireCodec.encodeError("jlvsd failed to handle the request: " + e.getMessage());
        }
    }

    /** Stops accepting, drops the clients and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        ControlSocketBinder.closeQuietly(server);
        for (SocketChannel client : clients) {
            ControlSocketBinder.closeQuietly(client);
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("could not remove the socket {}: {}", socket, e.toString());
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
