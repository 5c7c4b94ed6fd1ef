package io.jlvs.daemon;

import io.jlvs.io.linux.rawip.RawIpSocket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * A child-process main for namespace tests, playing client and director at once: binds UDP
 * CLIENT:CPORT, sends one datagram CLIENT:CPORT -> VIP:VPORT wrapped in IPIP to RIP (as LVS's
 * tunnel method sends it; the kernel puts the outer header on), and prints the answer as
 * "answer from ADDRESS:PORT: PAYLOAD", or "no answer" after SECONDS.
 */
public final class IpipUdpClient {
    private IpipUdpClient() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress client = InetAddress.ofLiteral(args[0]);
        int clientPort = Integer.parseInt(args[1]);
        InetAddress vip = InetAddress.ofLiteral(args[2]);
        int vipPort = Integer.parseInt(args[3]);
        InetAddress rip = InetAddress.ofLiteral(args[4]);
        byte[] payload = args[5].getBytes(StandardCharsets.US_ASCII);
        long timeoutNanos = Long.parseLong(args[6]) * 1_000_000_000L;
        try (DatagramChannel channel = DatagramChannel.open();
             RawIpSocket tunnel = RawIpSocket.open(RawIpSocket.Family.IPV4, RawIpSocket.IPIP);
             Arena arena = Arena.ofConfined()) {
            channel.bind(new InetSocketAddress(client, clientPort));
            byte[] inner = udpPacket(client.getAddress(), clientPort, vip.getAddress(), vipPort, payload);
            MemorySegment segment = arena.allocate(inner.length);
            segment.copyFrom(MemorySegment.ofArray(inner));
            tunnel.send(segment, 0, inner.length, rip);
            channel.configureBlocking(false);
            ByteBuffer answer = ByteBuffer.allocate(2048);
            long deadline = System.nanoTime() + timeoutNanos;
            while (System.nanoTime() < deadline) {
                SocketAddress from = channel.receive(answer);
                if (from != null) {
                    InetSocketAddress source = (InetSocketAddress) from;
                    System.out.println("answer from " + source.getAddress().getHostAddress() + ":" + source.getPort() + ": "
                            + new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII));
                    return;
                }
                Thread.sleep(5);
            }
            System.out.println("no answer");
        }
    }

    /** An IPv4 packet (header checksum set) carrying a UDP datagram without checksum (0, allowed on IPv4). */
    static byte[] udpPacket(byte[] source, int sourcePort, byte[] destination, int destinationPort, byte[] payload) {
        int length = 20 + 8 + payload.length;
        ByteBuffer packet = ByteBuffer.allocate(length);
        packet.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(source).put(destination);
        packet.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        byte[] bytes = packet.array();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        int checksum = ~sum & 0xffff;
        bytes[10] = (byte) (checksum >>> 8);
        bytes[11] = (byte) checksum;
        return bytes;
    }
}
