package io.jlvs.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real server for the daemon's proxy tests: on a loopback address and an ephemeral port, it
 * writes its name and a newline, then echoes until end of stream (or, when it says goodbye, closes
 * at once after its name).
 */
final class NamedServer implements AutoCloseable {
    private final String name;
    private final boolean closeAfterName;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    NamedServer(String name, String address, boolean closeAfterName) throws IOException {
        this.name = name;
        this.closeAfterName = closeAfterName;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0), 128);
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (closeAfterName) {
                return;
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the proxy went away
        } finally {
            open.remove(socket);
        }
    }

    /** address:port as ipvsadm's -r takes it. */
    String endpoint() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.join(5_000);
    }
}
