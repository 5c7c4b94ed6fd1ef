package io.jlvs.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP (or UDP) port held for a test until {@link #close()}, for a listener the test cannot bind to
 * port 0 itself (a virtual service's port, which jlvsd binds when the service is added). It is a
 * socket bound to port 0 (the kernel picks a free one) with SO_REUSEADDR that never listens. While
 * it is open no other socket gets the port, neither by bind(0) nor as an ephemeral port, but a
 * listener that also sets SO_REUSEADDR (jlvsd's proxy listeners, the quickstart's probe, nginx,
 * HAProxy) binds it: Linux lets SO_REUSEADDR sockets share a port as long as at most one of them
 * listens. So there is no moment between picking the port and listening on it when another process
 * could take it. While nothing listens, a TCP connect to it is refused at once: a dead real server
 * no other process can bring to life.
 */
public final class PortReservation implements AutoCloseable {
    private final NetworkChannel holder;
    private final InetSocketAddress bound;

    private PortReservation(NetworkChannel holder, InetSocketAddress bound) {
        this.holder = holder;
        this.bound = bound;
    }

    /** Reserves a free TCP port on address. */
    public static PortReservation on(InetAddress address) throws IOException {
        return reserve(SocketChannel.open(), address);
    }

    /**
     * Reserves a free UDP port on address. Two SO_REUSEADDR UDP sockets on one port share its
     * datagrams: close the reservation once the listener that takes the port is bound.
     */
    public static PortReservation udpOn(InetAddress address) throws IOException {
        return reserve(DatagramChannel.open(), address);
    }

    private static PortReservation reserve(NetworkChannel holder, InetAddress address) throws IOException {
        try {
            holder.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            holder.bind(new InetSocketAddress(address, 0));
            return new PortReservation(holder, (InetSocketAddress) holder.getLocalAddress());
        } catch (IOException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    /** The reserved port. */
    public int port() {
        return bound.getPort();
    }

    /** The address the port is reserved on. */
    public InetAddress address() {
        return bound.getAddress();
    }

    /** Address and port. */
    public InetSocketAddress socketAddress() {
        return bound;
    }

    /** ADDRESS:PORT as ipvsadm takes it (IPv4). */
    public String endpoint() {
        return bound.getAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
