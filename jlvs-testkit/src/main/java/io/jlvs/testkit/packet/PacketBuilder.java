package io.jlvs.testkit.packet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds test frames and packets into byte arrays, written from the RFCs without jlvs-packet so
 * the two cross-check. Checksums are right unless a test asks otherwise ({@link #corruptChecksum()},
 * {@link #corruptIpChecksum()}, {@link #partialChecksum()}, {@link #noUdpChecksum()}). A later
 * fragment ({@link #fragment} with an offset above 0) carries the payload alone, no L4 header.
 */
public final class PacketBuilder {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;
    private static final int FRAGMENT_HEADER = 44;

    private enum Transport { NONE, TCP, UDP, ICMP, RAW }

    private byte[] sourceMac;
    private byte[] destinationMac;
    private final List<int[]> tags = new ArrayList<>();
    private byte[] arp;

    private int version;
    private byte[] source;
    private byte[] destination;
    private int ttl = 64;
    private int tos;
    private int flowLabel;
    private int identification;
    private boolean dontFragment;
    private boolean moreFragments;
    private int fragmentOffset;
    private boolean fragmented;
    private byte[] ipOptions = new byte[0];
    private final List<byte[]> extensions = new ArrayList<>();
    private final List<Integer> extensionTypes = new ArrayList<>();

    private Transport transport = Transport.NONE;
    private int protocol = 59;
    private int sourcePort;
    private int destinationPort;
    private long sequence;
    private long acknowledgment;
    private int tcpFlags;
    private int window = 65535;
    private byte[] tcpOptions = new byte[0];
    private int icmpType;
    private int icmpCode;
    private int icmpRest;
    private byte[] payload = new byte[0];

    private boolean corruptL4;
    private boolean corruptIp;
    private boolean partial;
    private boolean noUdpChecksum;
    private int padding;
    private int truncateTo = -1;

    PacketBuilder() {
    }

    // ---- L2

    /** Adds an Ethernet header. */
    public PacketBuilder ethernet(String sourceMacText, String destinationMacText) {
        sourceMac = Addresses.mac(sourceMacText);
        destinationMac = Addresses.mac(destinationMacText);
        return this;
    }

    /** Adds an 802.1Q tag (outermost first when called twice). */
    public PacketBuilder vlan(int vlanId) {
        tags.add(new int[] {0x8100, vlanId});
        return this;
    }

    /** Adds an 802.1ad (QinQ service) tag. */
    public PacketBuilder serviceVlan(int vlanId) {
        tags.add(new int[] {0x88A8, vlanId});
        return this;
    }

    /** Makes the frame an Ethernet/IPv4 ARP packet (operation 1 request, 2 reply). */
    public PacketBuilder arp(int operation, String senderMac, String senderIp, String targetMac, String targetIp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write16(out, 1);
        write16(out, 0x0800);
        out.write(6);
        out.write(4);
        write16(out, operation);
        out.writeBytes(Addresses.mac(senderMac));
        out.writeBytes(Addresses.ip(senderIp));
        out.writeBytes(Addresses.mac(targetMac));
        out.writeBytes(Addresses.ip(targetIp));
        arp = out.toByteArray();
        return this;
    }

    // ---- L3

    /** An IPv4 header from source to destination. */
    public PacketBuilder ipv4(String sourceText, String destinationText) {
        return ip(4, sourceText, destinationText);
    }

    /** An IPv6 header from source to destination. */
    public PacketBuilder ipv6(String sourceText, String destinationText) {
        return ip(6, sourceText, destinationText);
    }

    private PacketBuilder ip(int ipVersion, String sourceText, String destinationText) {
        version = ipVersion;
        source = Addresses.ip(sourceText);
        destination = Addresses.ip(destinationText);
        int expected = ipVersion == 4 ? 4 : 16;
        if (source.length != expected || destination.length != expected) {
            throw new IllegalArgumentException("IPv" + ipVersion + " needs IPv" + ipVersion + " addresses: "
                    + sourceText + ", " + destinationText);
        }
        return this;
    }

    /** IPv4 TTL or IPv6 hop limit (64 unless set). */
    public PacketBuilder ttl(int value) {
        ttl = value;
        return this;
    }

    /** IPv4 type of service or IPv6 traffic class. */
    public PacketBuilder tos(int value) {
        tos = value;
        return this;
    }

    /** IPv6 flow label. */
    public PacketBuilder flowLabel(int label) {
        flowLabel = label;
        return this;
    }

    /** IPv4 identification (IPv6: the fragment header's). */
    public PacketBuilder identification(int id) {
        identification = id;
        return this;
    }

    /** Sets IPv4's DF bit. */
    public PacketBuilder dontFragment() {
        dontFragment = true;
        return this;
    }

    /**
     * Makes the packet a fragment at offsetBytes (a multiple of 8) with the M flag as given. IPv6
     * gets a fragment header at this point of its extension chain.
     */
    public PacketBuilder fragment(int offsetBytes, boolean more) {
        fragmented = true;
        fragmentOffset = offsetBytes;
        moreFragments = more;
        if (version == 6) {
            extensionTypes.add(FRAGMENT_HEADER);
            extensions.add(null); // filled at build time, when the next header is known
        }
        return this;
    }

    /** IPv4 options (padded with end-of-options to a multiple of 4). */
    public PacketBuilder ipOptions(byte... options) {
        ipOptions = padTo4(options);
        return this;
    }

    /** An IPv6 hop-by-hop options header (8 bytes of PadN). */
    public PacketBuilder hopByHop() {
        return extension(0, padN(6));
    }

    /** An IPv6 destination options header (8 bytes of PadN). */
    public PacketBuilder destinationOptions() {
        return extension(60, padN(6));
    }

    /** An IPv6 routing header (type 4, segments left 0: ignored by the receiver). */
    public PacketBuilder routing() {
        return extension(43, new byte[] {4, 0, 0, 0, 0, 0});
    }

    /**
     * An IPv6 extension header of a type with body (the bytes after next header and length; the
     * body plus 2 must be a multiple of 8).
     */
    public PacketBuilder extension(int type, byte[] body) {
        if ((body.length + 2) % 8 != 0) {
            throw new IllegalArgumentException("extension body of " + body.length + " bytes: body + 2 must be a multiple of 8");
        }
        extensionTypes.add(type);
        extensions.add(body.clone());
        return this;
    }

    // ---- L4

    /** A TCP header with these ports. */
    public PacketBuilder tcp(int sourcePortNumber, int destinationPortNumber) {
        transport = Transport.TCP;
        protocol = TCP;
        sourcePort = sourcePortNumber;
        destinationPort = destinationPortNumber;
        return this;
    }

    /** A UDP header with these ports. */
    public PacketBuilder udp(int sourcePortNumber, int destinationPortNumber) {
        transport = Transport.UDP;
        protocol = UDP;
        sourcePort = sourcePortNumber;
        destinationPort = destinationPortNumber;
        return this;
    }

    /** An ICMP message (ICMPv6 over IPv6); then echoRequest, fragmentationNeeded, quoting... */
    public PacketBuilder icmp() {
        transport = Transport.ICMP;
        protocol = version == 6 ? ICMPV6 : ICMP;
        return this;
    }

    /** Any protocol number with bytes as its payload (no header written). */
    public PacketBuilder protocol(int number, byte[] bytes) {
        transport = Transport.RAW;
        protocol = number;
        payload = bytes.clone();
        return this;
    }

    /** Carries an IP packet inside (IPIP protocol 4 for IPv4, 41 for IPv6). */
    public PacketBuilder encapsulate(byte[] innerPacket) {
        return protocol((innerPacket[0] & 0xF0) == 0x60 ? 41 : 4, innerPacket);
    }

    /** Carries the packet another builder makes (its Ethernet header, if any, left out). */
    public PacketBuilder encapsulate(PacketBuilder inner) {
        return encapsulate(inner.buildPacket());
    }

    /** TCP sequence number. */
    public PacketBuilder seq(long value) {
        sequence = value;
        return this;
    }

    /** TCP acknowledgment number and the ACK flag. */
    public PacketBuilder ack(long value) {
        acknowledgment = value;
        tcpFlags |= 0x10;
        return this;
    }

    /** TCP flags byte, replacing those set so far. */
    public PacketBuilder flags(int value) {
        tcpFlags = value;
        return this;
    }

    /** SYN. */
    public PacketBuilder syn() {
        tcpFlags |= 0x02;
        return this;
    }

    /** ACK flag (the number stays as set). */
    public PacketBuilder ackFlag() {
        tcpFlags |= 0x10;
        return this;
    }

    /** FIN. */
    public PacketBuilder fin() {
        tcpFlags |= 0x01;
        return this;
    }

    /** RST. */
    public PacketBuilder rst() {
        tcpFlags |= 0x04;
        return this;
    }

    /** PSH. */
    public PacketBuilder psh() {
        tcpFlags |= 0x08;
        return this;
    }

    /** TCP window (65535 unless set). */
    public PacketBuilder window(int value) {
        window = value;
        return this;
    }

    /** TCP options (padded with end-of-options to a multiple of 4). */
    public PacketBuilder tcpOptions(byte... options) {
        tcpOptions = padTo4(options);
        return this;
    }

    /** Echo request (type 8, or 128 over IPv6). */
    public PacketBuilder echoRequest(int id, int seq) {
        return icmpMessage(version == 6 ? 128 : 8, 0, id << 16 | seq & 0xFFFF);
    }

    /** Echo reply (type 0, or 129 over IPv6). */
    public PacketBuilder echoReply(int id, int seq) {
        return icmpMessage(version == 6 ? 129 : 0, 0, id << 16 | seq & 0xFFFF);
    }

    /** Destination unreachable with a code (type 3, or 1 over IPv6). */
    public PacketBuilder unreachable(int code) {
        return icmpMessage(version == 6 ? 1 : 3, code, 0);
    }

    /** IPv4 fragmentation needed (type 3 code 4) with the next-hop MTU. */
    public PacketBuilder fragmentationNeeded(int mtu) {
        return icmpMessage(3, 4, mtu & 0xFFFF);
    }

    /** ICMPv6 packet too big (type 2) with the MTU. */
    public PacketBuilder packetTooBig(int mtu) {
        return icmpMessage(2, 0, mtu);
    }

    /** Time exceeded with a code (type 11, or 3 over IPv6). */
    public PacketBuilder timeExceeded(int code) {
        return icmpMessage(version == 6 ? 3 : 11, code, 0);
    }

    /** Parameter problem pointing at a byte (type 12 with an 8-bit pointer, or 4 with 32 bits over IPv6). */
    public PacketBuilder parameterProblem(int pointer) {
        return version == 6 ? icmpMessage(4, 0, pointer) : icmpMessage(12, 0, pointer << 24);
    }

    /** Source quench (type 4, IPv4 only). */
    public PacketBuilder sourceQuench() {
        return icmpMessage(4, 0, 0);
    }

    /** Any ICMP type and code with the 4 bytes after the checksum as a word. */
    public PacketBuilder icmpMessage(int type, int code, int rest) {
        if (transport != Transport.ICMP) {
            icmp();
        }
        icmpType = type;
        icmpCode = code;
        icmpRest = rest;
        return this;
    }

    /** The packet an ICMP error quotes (an IP packet, no Ethernet header). */
    public PacketBuilder quoting(byte[] packet) {
        payload = packet.clone();
        return this;
    }

    /** The packet another builder makes, quoted whole (its Ethernet header left out). */
    public PacketBuilder quoting(PacketBuilder inner) {
        return quoting(inner.buildPacket());
    }

    /** Bytes after the L4 header. */
    public PacketBuilder payload(byte[] bytes) {
        payload = bytes.clone();
        return this;
    }

    // ---- deliberate faults and offloads

    /** Writes a wrong L4 checksum (the right one plus 1). */
    public PacketBuilder corruptChecksum() {
        corruptL4 = true;
        return this;
    }

    /** Writes a wrong IPv4 header checksum. */
    public PacketBuilder corruptIpChecksum() {
        corruptIp = true;
        return this;
    }

    /**
     * Leaves the TCP/UDP checksum partial, as a sender with checksum offload does: the field holds
     * the folded pseudo-header sum, not complemented.
     */
    public PacketBuilder partialChecksum() {
        partial = true;
        return this;
    }

    /** UDP over IPv4 without a checksum (field 0). */
    public PacketBuilder noUdpChecksum() {
        noUdpChecksum = true;
        return this;
    }

    /** Appends bytes of zero after the IP packet (Ethernet padding). */
    public PacketBuilder padding(int bytes) {
        padding = bytes;
        return this;
    }

    /** Cuts the built bytes to length. */
    public PacketBuilder truncate(int length) {
        truncateTo = length;
        return this;
    }

    // ---- output

    /** The frame (or the bare packet when no Ethernet header was asked for). */
    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (sourceMac != null) {
            out.writeBytes(destinationMac);
            out.writeBytes(sourceMac);
            for (int[] tag : tags) {
                write16(out, tag[0]);
                write16(out, tag[1]);
            }
            write16(out, arp != null ? 0x0806 : version == 6 ? 0x86DD : 0x0800);
        }
        out.writeBytes(arp != null ? arp : buildPacket());
        out.writeBytes(new byte[padding]);
        byte[] bytes = out.toByteArray();
        return truncateTo >= 0 ? Arrays.copyOf(bytes, truncateTo) : bytes;
    }

    /** The IP packet alone, without Ethernet header, padding or truncation. */
    public byte[] buildPacket() {
        if (version == 0) {
            throw new IllegalStateException("no IP header: call ipv4(...) or ipv6(...)");
        }
        byte[] l4 = transportBytes();
        return version == 4 ? ipv4Packet(l4) : ipv6Packet(l4);
    }

    private byte[] transportBytes() {
        boolean laterFragment = fragmented && fragmentOffset > 0;
        if (laterFragment || transport == Transport.NONE || transport == Transport.RAW) {
            return payload;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int checksumAt;
        switch (transport) {
            case TCP -> {
                write16(out, sourcePort);
                write16(out, destinationPort);
                write32(out, (int) sequence);
                write32(out, (int) acknowledgment);
                out.write((20 + tcpOptions.length) / 4 << 4);
                out.write(tcpFlags);
                write16(out, window);
                write16(out, 0);
                write16(out, 0);
                out.writeBytes(tcpOptions);
                checksumAt = 16;
            }
            case UDP -> {
                write16(out, sourcePort);
                write16(out, destinationPort);
                write16(out, 8 + payload.length);
                write16(out, 0);
                checksumAt = 6;
            }
            default -> {
                out.write(icmpType);
                out.write(icmpCode);
                write16(out, 0);
                write32(out, icmpRest);
                checksumAt = 2;
            }
        }
        out.writeBytes(payload);
        byte[] l4 = out.toByteArray();
        boolean pseudoHeader = protocol != ICMP;
        long pseudo = pseudoHeader ? InternetChecksum.pseudoHeaderSum(source, destination, protocol, l4.length) : 0;
        int checksum;
        if (partial && pseudoHeader) {
            checksum = InternetChecksum.fold(pseudo);
        } else if (transport == Transport.UDP && noUdpChecksum) {
            checksum = 0;
        } else {
            checksum = InternetChecksum.complement(pseudo + InternetChecksum.sum(l4, 0, l4.length));
            if (transport == Transport.UDP && checksum == 0) {
                checksum = 0xFFFF;
            }
        }
        if (corruptL4) {
            checksum = (checksum + 1) & 0xFFFF;
        }
        put16(l4, checksumAt, checksum);
        return l4;
    }

    private byte[] ipv4Packet(byte[] l4) {
        int headerLength = 20 + ipOptions.length;
        byte[] packet = new byte[headerLength + l4.length];
        packet[0] = (byte) (0x40 | headerLength / 4);
        packet[1] = (byte) tos;
        put16(packet, 2, packet.length);
        put16(packet, 4, identification);
        put16(packet, 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | fragmentOffset / 8);
        packet[8] = (byte) ttl;
        packet[9] = (byte) protocol;
        System.arraycopy(source, 0, packet, 12, 4);
        System.arraycopy(destination, 0, packet, 16, 4);
        System.arraycopy(ipOptions, 0, packet, 20, ipOptions.length);
        int checksum = InternetChecksum.complement(InternetChecksum.sum(packet, 0, headerLength));
        put16(packet, 10, corruptIp ? checksum ^ 0x0101 : checksum);
        System.arraycopy(l4, 0, packet, headerLength, l4.length);
        return packet;
    }

    private byte[] ipv6Packet(byte[] l4) {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        for (int i = 0; i < extensions.size(); i++) {
            int next = i + 1 < extensionTypes.size() ? extensionTypes.get(i + 1) : protocol;
            byte[] body = extensions.get(i);
            chain.write(next);
            if (body == null) {
                chain.write(0);
                write16(chain, fragmentOffset | (moreFragments ? 1 : 0));
                write32(chain, identification);
            } else {
                chain.write((body.length + 2) / 8 - 1);
                chain.writeBytes(body);
            }
        }
        chain.writeBytes(l4);
        byte[] payloadBytes = chain.toByteArray();
        byte[] packet = new byte[40 + payloadBytes.length];
        put32(packet, 0, 6 << 28 | (tos & 0xFF) << 20 | flowLabel & 0xF_FFFF);
        put16(packet, 4, payloadBytes.length);
        packet[6] = (byte) (extensionTypes.isEmpty() ? protocol : extensionTypes.get(0));
        packet[7] = (byte) ttl;
        System.arraycopy(source, 0, packet, 8, 16);
        System.arraycopy(destination, 0, packet, 24, 16);
        System.arraycopy(payloadBytes, 0, packet, 40, payloadBytes.length);
        return packet;
    }

    private static byte[] padN(int length) {
        byte[] option = new byte[length];
        option[0] = 1;
        option[1] = (byte) (length - 2);
        return option;
    }

    private static byte[] padTo4(byte[] options) {
        return Arrays.copyOf(options, (options.length + 3) / 4 * 4);
    }

    private static void write16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void write32(ByteArrayOutputStream out, int value) {
        write16(out, value >>> 16);
        write16(out, value);
    }

    private static void put16(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    private static void put32(byte[] bytes, int at, int value) {
        put16(bytes, at, value >>> 16);
        put16(bytes, at + 2, value);
    }
}
