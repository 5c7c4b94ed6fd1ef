package io.jlvs.core.conn;

import io.jlvs.core.model.AddressFamily;

import java.net.InetAddress;

/**
 * One entry as ipvsadm -Lc lists it, copied out of the table for the control plane.
 *
 * @param protocol       "TCP", "UDP", "SCTP", or "IP" for a firewall-mark template
 * @param family         the client side's address family
 * @param state          the state's name as the kernel prints it (templates: NONE or ASSURED)
 * @param expiresMillis  time left before the entry expires, never negative
 * @param flags          the ConnectionFlags bits
 */
public record ConnectionSnapshot(String protocol, AddressFamily family,
                                 InetAddress clientAddress, int clientPort,
                                 InetAddress virtualAddress, int virtualPort,
                                 InetAddress destinationAddress, int destinationPort,
                                 String state, long expiresMillis, int flags) {

    /** Whether this is a persistence template. */
    public boolean template() {
        return (flags & ConnectionFlags.TEMPLATE) != 0;
    }
}
