package io.jlvs.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A child-process main for namespace tests: binds UDP ADDRESS:PORT, prints "listening", then
 * answers each datagram with "echo: " and its payload, from the address it is bound to, for 60 s
 * at most.
 */
public final class UdpEchoServer {
    private UdpEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(InetAddress.ofLiteral(args[0]), Integer.parseInt(args[1])));
            System.out.println("listening");
            System.out.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            channel.configureBlocking(false);
            while (System.nanoTime() < deadline) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from == null) {
                    Thread.sleep(5);
                    continue;
                }
                buffer.flip();
                ByteBuffer answer = ByteBuffer.allocate(6 + buffer.remaining()).put("echo: ".getBytes()).put(buffer).flip();
                channel.send(answer, from);
                System.out.println("answered " + from);
                System.out.flush();
            }
        }
    }
}
