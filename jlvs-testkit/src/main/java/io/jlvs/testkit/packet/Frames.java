package io.jlvs.testkit.packet;

/**
 * Where test packets start: {@code Frames.ethernet(srcMac, dstMac).vlan(100).ipv4("10.0.0.1",
 * "10.0.0.2").tcp(1234, 80).syn().seq(1).build()}, or a bare IP packet with
 * {@code Frames.ipv4(src, dst)} (to quote in an ICMP error or to tunnel).
 */
public final class Frames {
    private Frames() {
    }

    /** A frame with an Ethernet header. */
    public static PacketBuilder ethernet(String sourceMac, String destinationMac) {
        return new PacketBuilder().ethernet(sourceMac, destinationMac);
    }

    /** A bare IPv4 packet. */
    public static PacketBuilder ipv4(String source, String destination) {
        return new PacketBuilder().ipv4(source, destination);
    }

    /** A bare IPv6 packet. */
    public static PacketBuilder ipv6(String source, String destination) {
        return new PacketBuilder().ipv6(source, destination);
    }
}
