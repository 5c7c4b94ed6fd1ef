package io.jlvs.core.service;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One FULLNAT local address of a virtual service at run time (Alibaba LVS's struct ip_vs_laddr):
 * the source address the director gives its side of a connection to a real server, in the
 * four-word form the core hashes, with the counts ipvsadm -G lists. A connection that took it
 * keeps the reference, so its count drops right even after the address left the service.
 * Owned by one thread.
 */
public final class LocalAddress {
    private final InetAddress address;
    private final int[] words;
    private int connections;
    private long conflicts;

    LocalAddress(InetAddress address) {
        this.address = Objects.requireNonNull(address, "address");
        this.words = Addresses.words(address);
    }

    public InetAddress address() {
        return address;
    }

    /** Word i (0 to 3) of the address; an IPv4 address is word 0 and three zero words. */
    public int word(int i) {
        return words[i];
    }

    /** The connections that hold this address now (conn_counts). */
    public int connections() {
        return connections;
    }

    /** The times a source port could not be had on this address (port_conflict). */
    public long conflicts() {
        return conflicts;
    }

    /** A connection took this address. */
    public void connectionOpened() {
        connections++;
    }

    /** A connection that held this address ended. */
    public void connectionClosed() {
        connections--;
    }

    /** A source port on this address was taken already. */
    public void conflict() {
        conflicts++;
    }
}
