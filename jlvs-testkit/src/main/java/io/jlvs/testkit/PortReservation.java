package io.jlvs.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A TCP port held for a test until {@link #close()}, for a listener the test cannot bind to port 0
 * itself (a virtual service's port, which jlvsd binds when the service is added). It is a socket
 * bound to port 0 (the kernel picks a free one) with SO_REUSEADDR that never listens. While it is
 * open no other socket gets the port, neither by bind(0) nor as an ephemeral port, but a listener
 * that also sets SO_REUSEADDR (jlvsd's proxy listeners, the quickstart's probe) binds it: Linux
 * lets SO_REUSEADDR sockets share a port as long as at most one of them listens. So there is no
 * moment between picking the port and listening on it when another process could take it.
 */
public final class PortReservation implements AutoCloseable {
    private final Socket holder;

    private PortReservation(Socket holder) {
        this.holder = holder;
    }

    /** Reserves a free TCP port on address. */
    public static PortReservation on(InetAddress address) throws IOException {
        Socket holder = new Socket();
        try {
            holder.setReuseAddress(true);
            holder.bind(new InetSocketAddress(address, 0));
            return new PortReservation(holder);
        } catch (IOException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    /** The reserved port. */
    public int port() {
        return holder.getLocalPort();
    }

    /** ADDRESS:PORT as ipvsadm takes it (IPv4). */
    public String endpoint() {
        return holder.getLocalAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
