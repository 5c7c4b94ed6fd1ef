package io.jlvs.core.service;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.Scheduler;
import io.jlvs.core.stats.TrafficCounters;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A virtual service at run time (the kernel's struct ip_vs_service): its configuration, its bound
 * scheduler and its real servers in the kernel's list order, newest first. Schedulers depend on
 * that order. Owned by one thread; the control plane validates before calling in.
 */
public final class VirtualService {
    private ServiceSpec spec;
    private Scheduler scheduler;
    private final ArrayList<RealServer> destinations = new ArrayList<>();
    private final List<RealServer> destinationsView = Collections.unmodifiableList(destinations);
    /** Deleted servers kept so a re-add revives them with their counters, as the kernel's trash. */
    private final ArrayList<RealServer> trash = new ArrayList<>();
    private final TrafficCounters stats = new TrafficCounters();
    /** FULLNAT local addresses in the order added (Alibaba's svc->laddr_list). */
    private final ArrayList<LocalAddress> localAddresses = new ArrayList<>();
    private final List<LocalAddress> localAddressesView = Collections.unmodifiableList(localAddresses);
    /** The local address the next connection takes (svc->curr_laddr). */
    private int nextLocalAddress;

    /** Creates the service and binds its scheduler (init_service). */
    public VirtualService(ServiceSpec spec, Scheduler scheduler) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        scheduler.initService(this);
    }

    public ServiceKey key() {
        return spec.key();
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** This service's counters and rate estimator (the kernel's svc->stats). */
    public TrafficCounters stats() {
        return stats;
    }

    /** The real servers, newest first (the kernel's svc->destinations). */
    public List<RealServer> destinations() {
        return destinationsView;
    }

    /** The number of real servers (svc->num_dests). */
    public int destinationCount() {
        return destinations.size();
    }

    /** The real server at index i of the list (0 is the newest); allocation-free for schedulers. */
    public RealServer destination(int i) {
        return destinations.get(i);
    }

    /** The real server at address:port, or null. */
    public RealServer find(InetAddress address, int port) {
        for (int i = 0; i < destinations.size(); i++) {
            RealServer dest = destinations.get(i);
            if (dest.is(address, port)) {
                return dest;
            }
        }
        return null;
    }

    /**
     * Applies an edit (ip_vs_edit_service). A different scheduler instance is bound in place of the
     * old one; pass the current one to keep it.
     */
    public void edit(ServiceSpec newSpec, Scheduler newScheduler) {
        if (!newSpec.key().equals(spec.key())) {
            throw new IllegalArgumentException("an edit cannot change the service key");
        }
        spec = newSpec;
        if (newScheduler != scheduler) {
            scheduler.doneService(this);
            scheduler = newScheduler;
            newScheduler.initService(this);
        }
    }

    /** Adds a real server at the head of the list (ip_vs_add_dest), reviving it from the trash. */
    public RealServer addDestination(DestinationSpec destSpec) {
        RealServer dest = takeFromTrash(destSpec.address(), destSpec.port());
        if (dest == null) {
            dest = new RealServer(destSpec);
        }
        dest.apply(destSpec, true);
        destinations.addFirst(dest);
        scheduler.addDest(this, dest);
        return dest;
    }

    /** Edits a real server in place (ip_vs_edit_dest); it keeps its list position. */
    public void editDestination(RealServer dest, DestinationSpec destSpec) {
        dest.apply(destSpec, false);
        scheduler.updDest(this, dest);
    }

    /**
     * Unlinks a real server (ip_vs_del_dest). It goes to the trash while connections may still
     * reference it; {@link #emptyTrash()} drops those no connection holds.
     */
    public void removeDestination(RealServer dest) {
        if (!destinations.remove(dest)) {
            throw new IllegalArgumentException("not a destination of this service: " + dest);
        }
        dest.markUnavailable();
        scheduler.delDest(this, dest);
        trash.add(dest);
    }

    /** Unbinds the scheduler before the service is deleted (ip_vs_unlink_service). */
    public void unbind() {
        for (RealServer dest : destinations) {
            dest.markUnavailable();
        }
        scheduler.doneService(this);
    }

    /** Forgets trashed servers that no connection counts on any more. */
    public void emptyTrash() {
        trash.removeIf(d -> d.activeConns() == 0 && d.inactConns() == 0 && d.persistConns() == 0);
    }

    private RealServer takeFromTrash(InetAddress address, int port) {
        for (int i = 0; i < trash.size(); i++) {
            if (trash.get(i).is(address, port)) {
                return trash.remove(i);
            }
        }
        return null;
    }

    /** The FULLNAT local addresses, in the order they were added. */
    public List<LocalAddress> localAddresses() {
        return localAddressesView;
    }

    /** The number of local addresses (svc->num_laddrs). */
    public int localAddressCount() {
        return localAddresses.size();
    }

    /** The local address at index i, in the order added; allocation-free for the packet engine. */
    public LocalAddress localAddress(int i) {
        return localAddresses.get(i);
    }

    /** The local address equal to this one, or null. */
    public LocalAddress findLocalAddress(InetAddress address) {
        for (int i = 0; i < localAddresses.size(); i++) {
            LocalAddress local = localAddresses.get(i);
            if (local.address().equals(address)) {
                return local;
            }
        }
        return null;
    }

    /** Adds a local address at the end of the list (ip_vs_add_laddr's list_add_tail). */
    public LocalAddress addLocalAddress(InetAddress address) {
        LocalAddress local = new LocalAddress(address);
        localAddresses.add(local);
        return local;
    }

    /** Removes a local address (ip_vs_del_laddr); the round robin goes on with the one after it. */
    public void removeLocalAddress(LocalAddress local) {
        int i = localAddresses.indexOf(local);
        if (i < 0) {
            throw new IllegalArgumentException("not a local address of this service: " + local.address());
        }
        localAddresses.remove(i);
        if (i < nextLocalAddress) {
            nextLocalAddress--;
        }
        if (nextLocalAddress >= localAddresses.size()) {
            nextLocalAddress = 0;
        }
    }

    /** The local address for a new FULLNAT connection, round robin; null when the service has none. */
    public LocalAddress nextLocalAddress() {
        if (localAddresses.isEmpty()) {
            return null;
        }
        LocalAddress local = localAddresses.get(nextLocalAddress);
        nextLocalAddress = nextLocalAddress + 1 == localAddresses.size() ? 0 : nextLocalAddress + 1;
        return local;
    }
}
