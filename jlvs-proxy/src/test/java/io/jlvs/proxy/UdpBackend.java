package io.jlvs.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A UDP real server for tests: answers each datagram with its name, a space and the datagram, and
 * keeps the addresses datagrams came from.
 */
final class UdpBackend implements AutoCloseable {
    private final String name;
    private final DatagramSocket socket;
    private final Thread reader;
    private final Set<InetAddress> sources = ConcurrentHashMap.newKeySet();

    private UdpBackend(String name, DatagramSocket socket) {
        this.name = name;
        this.socket = socket;
        this.reader = Thread.ofVirtual().name("udp-backend-" + name).start(this::serve);
    }

    static UdpBackend start(String name, String address) throws IOException {
        return new UdpBackend(name, new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral(address), 0)));
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                sources.add(packet.getAddress());
                byte[] reply = (name + " " + new String(packet.getData(), 0, packet.getLength(),
                        StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The addresses datagrams came from so far. */
    Set<InetAddress> sources() {
        return Set.copyOf(sources);
    }

    InetAddress address() {
        return socket.getLocalAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5_000);
    }
}
