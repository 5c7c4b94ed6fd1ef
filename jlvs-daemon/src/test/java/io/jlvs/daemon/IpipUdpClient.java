package io.jlvs.daemon;

import io.jlvs.io.linux.rawip.RawIpSocket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * A child-process main for namespace tests, playing client and director at once: binds UDP
 * CLIENT:CPORT, sends one datagram CLIENT:CPORT -> VIP:VPORT wrapped as LVS's tunnel method wraps
 * it (IPv4 in IPv4, or IPv6 in IPv6; the kernel puts the outer header on) to RIP, and prints the
 * answer as "answer from ADDRESS:PORT: PAYLOAD", or "no answer" after SECONDS.
 * Arguments: CLIENT CPORT VIP VPORT RIP PAYLOAD SECONDS.
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
        boolean ipv4 = vip instanceof Inet4Address;
        try (DatagramChannel channel = DatagramChannel.open();
             RawIpSocket tunnel = ipv4 ? RawIpSocket.open(RawIpSocket.Family.IPV4, RawIpSocket.IPIP)
                     : RawIpSocket.open(RawIpSocket.Family.IPV6, RawIpSocket.IPV6_IN_IP);
             Arena arena = Arena.ofConfined()) {
            channel.bind(new InetSocketAddress(client, clientPort));
            byte[] udp = udp(client.getAddress(), clientPort, vip.getAddress(), vipPort, payload);
            byte[] inner = ipv4 ? ipv4(client.getAddress(), vip.getAddress(), udp)
                    : ipv6(client.getAddress(), vip.getAddress(), udp);
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
                    System.out.println("answer from " + io.jlvs.cli.ipvsadm.InetText.format(source.getAddress()) + ":" + source.getPort()
                            + ": " + new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII));
                    return;
                }
                Thread.sleep(5);
            }
            System.out.println("no answer");
        }
    }

    /** A UDP datagram with its checksum over the pseudo-header of its addresses (4 or 16 bytes each). */
    static byte[] udp(byte[] source, int sourcePort, byte[] destination, int destinationPort, byte[] payload) {
        int length = 8 + payload.length;
        byte[] datagram = ByteBuffer.allocate(length).putShort((short) sourcePort).putShort((short) destinationPort)
                .putShort((short) length).putShort((short) 0).put(payload).array();
        ByteBuffer pseudo = ByteBuffer.allocate(source.length * 2 + 8 + length).put(source).put(destination)
                .putInt(length).putInt(17).put(datagram);
        int checksum = checksum(pseudo.array());
        checksum = checksum == 0 ? 0xffff : checksum;
        datagram[6] = (byte) (checksum >>> 8);
        datagram[7] = (byte) checksum;
        return datagram;
    }

    /** An IPv4 packet (header checksum set, DF) carrying a UDP datagram. */
    static byte[] ipv4(byte[] source, byte[] destination, byte[] udp) {
        int length = 20 + udp.length;
        byte[] packet = ByteBuffer.allocate(length).put((byte) 0x45).put((byte) 0).putShort((short) length)
                .putShort((short) 1).putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(source).put(destination).put(udp).array();
        int checksum = checksum(java.util.Arrays.copyOf(packet, 20));
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
        return packet;
    }

    /** An IPv6 packet carrying a UDP datagram. */
    static byte[] ipv6(byte[] source, byte[] destination, byte[] udp) {
        return ByteBuffer.allocate(40 + udp.length).putInt(0x60000000).putShort((short) udp.length).put((byte) 17)
                .put((byte) 64).put(source).put(destination).put(udp).array();
    }

    /** The Internet checksum (RFC 1071) of bytes. */
    private static int checksum(byte[] bytes) {
        long sum = 0;
        for (int i = 0; i < bytes.length; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (i + 1 < bytes.length ? bytes[i + 1] & 0xff : 0);
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
