package io.jlvs.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;

/**
 * A port held by a bound socket that does not listen, so no other bind to port 0 can be given it
 * while a test uses it. It has SO_REUSEADDR, which lets the engine (which binds its listeners with
 * SO_REUSEADDR too) listen on it; while nobody listens, a connect to it is refused at once: a dead
 * real server that no other process can bring to life.
 */
public final class ReservedPort implements AutoCloseable {
    private final NetworkChannel socket;
    private final InetSocketAddress bound;

    private ReservedPort(NetworkChannel socket, InetSocketAddress bound) {
        this.socket = socket;
        this.bound = bound;
    }

    /** A TCP port on this address, bound (port 0, read back) and not listening. */
    public static ReservedPort tcp(String address) throws IOException {
        return reserve(SocketChannel.open(), address);
    }

    /** A UDP port on this address; close it once the engine's listener is bound, or it shares the datagrams. */
    static ReservedPort udp(String address) throws IOException {
        return reserve(DatagramChannel.open(), address);
    }

    private static ReservedPort reserve(NetworkChannel socket, String address) throws IOException {
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0));
            return new ReservedPort(socket, (InetSocketAddress) socket.getLocalAddress());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    InetAddress address() {
        return bound.getAddress();
    }

    public int port() {
        return bound.getPort();
    }

    InetSocketAddress socketAddress() {
        return bound;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
