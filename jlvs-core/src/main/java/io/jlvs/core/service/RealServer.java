package io.jlvs.core.service;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.stats.TrafficCounters;

import java.net.InetAddress;

/**
 * A real server of one virtual service at run time (the kernel's struct ip_vs_dest): its
 * configuration plus the connection counts that schedulers read. It is owned by one thread.
 */
public final class RealServer {
    private final InetAddress address;
    private final AddressFamily family;
    private final int[] addressWords;
    private final int port;
    private DestinationSpec spec;
    private int weight;
    private int lastWeight;
    private int flags;
    private int activeConns;
    private int inactConns;
    private int persistConns;
    private final TrafficCounters stats = new TrafficCounters();

    RealServer(DestinationSpec spec) {
        this.address = spec.address();
        this.family = AddressFamily.of(address);
        this.addressWords = Addresses.words(address);
        this.port = spec.port();
        this.spec = spec;
    }

    /** A server outside any service, for scheduler and connection tests. */
    public static RealServer detached(DestinationSpec spec) {
        RealServer server = new RealServer(spec);
        server.apply(spec, true);
        return server;
    }

    /** Applies a configuration as the kernel's __ip_vs_update_dest does (weights, flags, thresholds). */
    void apply(DestinationSpec newSpec, boolean add) {
        // last_weight keeps the latest non-zero weight, so mh can keep a quiesced server's slots.
        if (add || newSpec.weight() != 0) {
            lastWeight = newSpec.weight();
        }
        weight = newSpec.weight();
        flags |= DestinationFlags.AVAILABLE;
        if (newSpec.upperThreshold() == 0 || newSpec.upperThreshold() > spec.upperThreshold()) {
            flags &= ~DestinationFlags.OVERLOAD;
        }
        spec = newSpec;
    }

    void markUnavailable() {
        flags &= ~DestinationFlags.AVAILABLE;
    }

    public InetAddress address() {
        return address;
    }

    public AddressFamily family() {
        return family;
    }

    /** Word i of the address, as in {@link Flow}. */
    public int addressWord(int i) {
        return addressWords[i];
    }

    public int port() {
        return port;
    }

    public DestinationSpec spec() {
        return spec;
    }

    public ForwardMethod method() {
        return spec.method();
    }

    public int weight() {
        return weight;
    }

    /** The latest non-zero weight (or the weight it was added with). */
    public int lastWeight() {
        return lastWeight;
    }

    public int upperThreshold() {
        return spec.upperThreshold();
    }

    public int lowerThreshold() {
        return spec.lowerThreshold();
    }

    /** DestinationFlags bits. */
    public int flags() {
        return flags;
    }

    public boolean isOverloaded() {
        return (flags & DestinationFlags.OVERLOAD) != 0;
    }

    public boolean isAvailable() {
        return (flags & DestinationFlags.AVAILABLE) != 0;
    }

    public void setOverloaded(boolean overloaded) {
        flags = overloaded ? flags | DestinationFlags.OVERLOAD : flags & ~DestinationFlags.OVERLOAD;
    }

    public int activeConns() {
        return activeConns;
    }

    public int inactConns() {
        return inactConns;
    }

    public int persistConns() {
        return persistConns;
    }

    public void setActiveConns(int value) {
        activeConns = value;
    }

    public void setInactConns(int value) {
        inactConns = value;
    }

    public void setPersistConns(int value) {
        persistConns = value;
    }

    /** This server's counters and rate estimator (the kernel's dest->stats). */
    public TrafficCounters stats() {
        return stats;
    }

    /** The kernel's ip_vs_dest_totalconns: active plus inactive. */
    public int totalConns() {
        return activeConns + inactConns;
    }

    /**
     * The kernel's ip_vs_dest_conn_overhead: active connections cost 256 times an inactive one
     * (the kernel shifts left by 8).
     */
    public int overhead() {
        return (activeConns << 8) + inactConns;
    }

    /** Whether this is the server at address:port. */
    public boolean is(InetAddress otherAddress, int otherPort) {
        return port == otherPort && address.equals(otherAddress);
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (family == AddressFamily.INET6 ? "[" + host + "]" : host) + ":" + port;
    }
}
