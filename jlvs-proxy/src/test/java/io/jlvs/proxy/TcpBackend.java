package io.jlvs.proxy;

import io.jlvs.testkit.PortReservation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server for tests: a plain java.net listener on a loopback address and an ephemeral port.
 * The port stays reserved after {@link #kill()}, so a killed server stays dead until the test ends.
 */
final class TcpBackend implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket, String name) throws IOException;
    }

    /** Writes its name and a newline, then echoes until end of stream, then closes. */
    static final Behaviour NAME_THEN_ECHO = (socket, name) -> {
        OutputStream out = socket.getOutputStream();
        out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            out.flush();
        }
    };

    /** Writes the address the connection came from and a newline, then echoes until end of stream. */
    static final Behaviour PEER_THEN_ECHO = (socket, name) -> NAME_THEN_ECHO.serve(socket,
            socket.getInetAddress().getHostAddress());

    /** Answers with the first line it reads (a PROXY protocol v1 header), then closes. */
    static final Behaviour FIRST_LINE = (socket, name) -> {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            out.write(b);
            if (b == '\n') {
                break;
            }
        }
        out.flush();
    };

    /** Reads to end of stream, then answers "name bytes" and a newline (a half-closed request). */
    static final Behaviour REPLY_AFTER_EOF = (socket, name) -> {
        long total = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        OutputStream out = socket.getOutputStream();
        out.write((name + " " + total + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    };

    private final String name;
    private final PortReservation port;
    private final ServerSocket server;
    private final Behaviour behaviour;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private TcpBackend(String name, PortReservation port, ServerSocket server, Behaviour behaviour) {
        this.name = name;
        this.port = port;
        this.server = server;
        this.behaviour = behaviour;
        this.acceptor = Thread.ofVirtual().name("backend-" + name).start(this::acceptLoop);
    }

    static TcpBackend start(String name, String address, Behaviour behaviour) throws IOException {
        PortReservation port = PortReservation.on(InetAddress.ofLiteral(address));
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(port.socketAddress(), 256);
        } catch (IOException e) {
            server.close();
            port.close();
            throw e;
        }
        return new TcpBackend(name, port, server, behaviour);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        socket.setSoTimeout(30_000);
                        behaviour.serve(socket, name);
                    } catch (IOException ignored) {
                        // the test's client or the proxy went away
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    String name() {
        return name;
    }

    InetAddress address() {
        return server.getInetAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Stops listening and closes every connection (a killed server); the port stays reserved. */
    void kill() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server and releases its port. */
    @Override
    public void close() throws IOException {
        kill();
        port.close();
    }
}
