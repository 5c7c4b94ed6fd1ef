/**
 * Packets as flyweights over MemorySegment, allocation-free per frame. A worker keeps one
 * {@link io.jlvs.packet.ParsedFrame} and calls {@code parse(segment, offset, length)} per frame:
 * it returns a {@link io.jlvs.packet.FrameVerdict} (count drops by it, print its name) and leaves
 * the header flyweights ({@code ipv4()}, {@code tcp()}, ...) wrapped at their layers, with the L3
 * and L4 offsets, the L4 protocol and the fragment state. Rewrites go through the flyweights'
 * setters and {@link io.jlvs.packet.Checksums}' RFC 1624 updates (full fields, UDP's rule for 0,
 * and partial fields under checksum offload); {@link io.jlvs.packet.QuotedPacket} finds the
 * connection an ICMP error quotes; {@link io.jlvs.packet.IpEncapsulation} writes the
 * outer header of IP-in-IP. Every flyweight documents its wire format as a bit diagram.
 */
package io.jlvs.packet;
