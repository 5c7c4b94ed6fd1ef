package io.jlvs.core.service;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;

import java.net.InetAddress;

/**
 * The addressing of one packet or new connection, as a scheduler sees it. It is a reusable
 * holder, filled per packet by the caller, so scheduling allocates nothing.
 *
 * <p>Addresses are four 32-bit words each, in network byte order read as big-endian ints
 * (what the kernel writes as ntohl(addr->ip6[i])). An IPv4 address uses word 0 only.
 */
public final class Flow {
    private Protocol protocol = Protocol.TCP;
    private AddressFamily family = AddressFamily.INET;
    private final int[] source = new int[4];
    private final int[] destination = new int[4];
    private int sourcePort;
    private int destinationPort;
    private int mark;

    public Protocol protocol() {
        return protocol;
    }

    public AddressFamily family() {
        return family;
    }

    /** Word i of the client's address (0 only for IPv4). */
    public int sourceWord(int i) {
        return source[i];
    }

    /** Word i of the address the client sent to, the VIP (0 only for IPv4). */
    public int destinationWord(int i) {
        return destination[i];
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    /** The packet's firewall mark, or 0. */
    public int mark() {
        return mark;
    }

    /** Sets an IPv4 flow; addresses are host-order ints (192.168.0.1 is 0xC0A80001). */
    public Flow setIpv4(Protocol newProtocol, int src, int srcPort, int dst, int dstPort) {
        protocol = newProtocol;
        family = AddressFamily.INET;
        source[0] = src;
        source[1] = source[2] = source[3] = 0;
        destination[0] = dst;
        destination[1] = destination[2] = destination[3] = 0;
        sourcePort = srcPort;
        destinationPort = dstPort;
        return this;
    }

    /**
     * Sets an IPv6 flow's protocol and ports, for a caller that then fills all eight address
     * words from a packet with {@link #sourceWord(int, int)} and
     * {@link #destinationWord(int, int)} (the packet engine: nothing allocated).
     */
    public Flow setIpv6(Protocol newProtocol, int srcPort, int dstPort) {
        protocol = newProtocol;
        family = AddressFamily.INET6;
        sourcePort = srcPort;
        destinationPort = dstPort;
        return this;
    }

    /** Sets word i of the source address. */
    public Flow sourceWord(int i, int word) {
        source[i] = word;
        return this;
    }

    /** Sets word i of the destination address. */
    public Flow destinationWord(int i, int word) {
        destination[i] = word;
        return this;
    }

    /** Sets a flow from addresses of one family (control plane and tests; allocates nothing new). */
    public Flow set(Protocol newProtocol, InetAddress src, int srcPort, InetAddress dst, int dstPort) {
        protocol = newProtocol;
        family = AddressFamily.of(src);
        Addresses.toWords(src, source);
        Addresses.toWords(dst, destination);
        sourcePort = srcPort;
        destinationPort = dstPort;
        return this;
    }

    public Flow setMark(int newMark) {
        mark = newMark;
        return this;
    }

    @Override
    public String toString() {
        return protocol + " " + Addresses.format(family, source) + ":" + sourcePort + " -> "
                + Addresses.format(family, destination) + ":" + destinationPort
                + (mark != 0 ? " mark " + mark : "");
    }

}
