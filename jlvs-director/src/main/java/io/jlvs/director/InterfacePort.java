package io.jlvs.director;

import io.jlvs.packet.io.PacketPort;

import java.util.Objects;

/**
 * A worker's packet port on one interface, with what the engine needs to know of the interface:
 * its index (routes name it) and its Ethernet address (the source of every frame sent by it).
 */
public record InterfacePort(PacketPort port, int interfaceIndex, long mac) {
    public InterfacePort {
        Objects.requireNonNull(port, "port");
    }
}
