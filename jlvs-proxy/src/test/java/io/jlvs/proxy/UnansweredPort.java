package io.jlvs.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real server whose connects never complete: it listens with a backlog of one and never accepts,
 * and its accept queue is filled first, so the kernel drops further SYNs and a connect to it stays
 * pending until the connecting side gives up (as with a server that is down behind a firewall).
 */
final class UnansweredPort implements AutoCloseable {
    private static final int PROBE_TIMEOUT_MILLIS = 300;
    private static final int MOST_FILLERS = 16;

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    private UnansweredPort(ServerSocket listener) {
        this.listener = listener;
    }

    static UnansweredPort open(String address) throws IOException {
        ServerSocket listener = new ServerSocket();
        UnansweredPort port = new UnansweredPort(listener);
        try {
            listener.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0), 1);
            port.fill();
        } catch (IOException | RuntimeException e) {
            port.close();
            throw e;
        }
        return port;
    }

    /** Connects until a connect times out: from then on the queue is full. */
    private void fill() throws IOException {
        for (int i = 0; i < MOST_FILLERS; i++) {
            Socket filler = new Socket();
            fillers.add(filler);
            try {
                filler.connect(socketAddress(), PROBE_TIMEOUT_MILLIS);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IOException("the accept queue of " + socketAddress() + " never filled");
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : fillers) {
            filler.close();
        }
        listener.close();
    }
}
