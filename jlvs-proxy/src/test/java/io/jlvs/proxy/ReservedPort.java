package io.jlvs.proxy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A port held by a bound socket that does not listen, so no other bind to port 0 can be given it
 * while a test uses it. It has SO_REUSEADDR, which lets the engine (which binds its listeners with
 * SO_REUSEADDR too) listen on it; while nobody listens, a connect to it is refused at once: a dead
 * real server that no other process can bring to life.
 */
public final class ReservedPort implements AutoCloseable {
    private final AutoCloseable socket;
    private final InetAddress address;
    private final int port;

    private ReservedPort(AutoCloseable socket, InetAddress address, int port) {
        this.socket = socket;
        this.address = address;
        this.port = port;
    }

    /** A TCP port on this address, bound (port 0, read back) and not listening. */
    public static ReservedPort tcp(String address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new ReservedPort(socket, socket.getLocalAddress(), socket.getLocalPort());
    }

    /** A UDP port on this address; close it once the engine's listener is bound, or it shares the datagrams. */
    static ReservedPort udp(String address) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new ReservedPort(socket, socket.getLocalAddress(), socket.getLocalPort());
    }

    InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public void close() throws IOException {
        if (socket instanceof Socket tcp) {
            tcp.close();
        } else {
            ((DatagramSocket) socket).close();
        }
    }
}
