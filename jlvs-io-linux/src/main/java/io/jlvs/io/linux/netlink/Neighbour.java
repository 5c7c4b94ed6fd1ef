package io.jlvs.io.linux.netlink;

import java.net.InetAddress;

/**
 * A neighbour table entry (ARP for IPv4, NDP for IPv6), as {@code ip neigh} shows it.
 *
 * @param interfaceIndex the interface's index
 * @param address        the neighbour's IP address
 * @param linkAddress    its link-layer address, or null while unresolved
 * @param state          the entry's state
 */
public record Neighbour(int interfaceIndex, InetAddress address, HardwareAddress linkAddress, NeighbourState state) {
}
