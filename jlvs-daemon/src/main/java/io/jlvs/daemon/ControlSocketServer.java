package io.jlvs.daemon;

import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.json.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * jlvsd's control socket: a Unix domain socket, mode 0600, that takes one JSON request per line
 * and answers each with one JSON reply line, for any number of clients at once (a virtual
 * thread each). A line that is not a request gets an error line and the connection stays open.
 */
final class ControlSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSocketServer.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final Function<Request, Reply> handler;
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
     * Binds the socket and starts accepting. A socket file that answers belongs to a running
     * jlvsd and is refused; one that does not is what a killed daemon left, and is replaced.
     */
    static ControlSocketServer start(Path socket, Function<Request, Reply> handler) throws DaemonStartupException {
        Path parent = socket.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new DaemonStartupException("cannot create the socket directory " + parent + ": " + e.getMessage(), e);
        }
        removeIfStale(socket);
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new DaemonStartupException("cannot open a Unix domain socket: " + e.getMessage(), e);
        }
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            // Only the daemon's own user may talk to it (the directory is 0700 when jlvsd made it).
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            closeQuietly(server);
            throw new DaemonStartupException("cannot listen at " + socket + ": " + e.getMessage(), e);
        }
        ControlSocketServer result = new ControlSocketServer(socket, server, handler);
        result.acceptor.start();
        return result;
    }

    private static void removeIfStale(Path socket) throws DaemonStartupException {
        if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new DaemonStartupException("another jlvsd is already listening at " + socket);
        } catch (DaemonStartupException e) {
            throw e;
        } catch (IOException refused) {
            // Nobody listens: a daemon died without cleaning up. Take the path over.
            try {
                Files.delete(socket);
                LOG.info("removed the stale socket {} left by a jlvsd that did not shut down", socket);
            } catch (IOException e) {
                throw new DaemonStartupException("cannot remove the stale socket " + socket + ": " + e.getMessage(), e);
            }
        }
    }

    Path socket() {
        return socket;
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
                LOG.warn("accepting a control connection failed: {}", e.toString());
                continue;
            }
            clients.add(client);
            Thread.ofVirtual().name("jlvsd-client").start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (client; ControlConnection connection = new ControlConnection(client)) {
            String line;
            while ((line = connection.readLine()) != null) {
                connection.writeLine(answer(line));
            }
        } catch (ControlConnection.LineTooLongException e) {
            LOG.warn("closed a control connection: {}", e.getMessage());
        } catch (ClosedChannelException | SocketException e) {
            // The client went away, or jlvsd is shutting down.
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("control connection failed: {}", e.toString());
            }
        } finally {
            clients.remove(client);
        }
    }

    /** One reply line (or error line) for one request line; never throws. */
    private String answer(String line) {
        Request request;
        try {
            request = WireCodec.decodeRequest(line);
        } catch (IllegalArgumentException e) {
            return WireCodec.encodeError(e.getMessage());
        }
        try {
            return WireCodec.encode(handler.apply(request));
        } catch (RuntimeException e) {
            LOG.error("request failed: {}", request, e);
            return WireCodec.encodeError("jlvsd failed to handle the request: " + e.getMessage());
        }
    }

    /** Stops accepting, drops the clients and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (SocketChannel client : clients) {
            closeQuietly(client);
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

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Shutting down; nothing useful to do with a failed close.
        }
    }
}
