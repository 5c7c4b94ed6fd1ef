/**
 * AF_PACKET ports: {@link io.jlvs.io.linux.afpacket.AfPacketPort} is a
 * {@link io.jlvs.packet.io.PacketPort} on one interface over TPACKET_V3 rings, with the kernel's
 * offloads (GSO trains, partial checksums) carried both ways in a virtio_net_hdr;
 * {@link io.jlvs.io.linux.afpacket.AfPacketFanout} opens one port per worker on an interface,
 * spread by the symmetric flow hash; {@link io.jlvs.io.linux.afpacket.AfPacket} says once whether
 * ports can be opened here, and why not. A port is opened in the calling thread's network
 * namespace and then owned by one thread.
 */
package io.jlvs.io.linux.afpacket;
