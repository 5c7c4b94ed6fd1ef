package io.jlvs.core.service;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.NoScheduler;
import io.jlvs.core.sched.Scheduler;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.sched.SchedulerRegistry;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The virtual services at run time (the kernel's service tables): one {@link VirtualService} with
 * its bound scheduler per configured service, changed in the order and with the hooks the kernel
 * uses. Every engine (and jlvs simulate) keeps one and applies the changes the control plane has
 * already validated. Owned by one thread.
 */
public final class VirtualServiceTable {
    private final SchedulerContext context;
    private final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();

    public VirtualServiceTable(SchedulerContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The services, in the order they were added. */
    public Collection<VirtualService> services() {
        return Collections.unmodifiableCollection(services.values());
    }

    /** The service with exactly this key, or null. */
    public VirtualService get(ServiceKey key) {
        return services.get(key);
    }

    /**
     * The service a new packet belongs to, found as the kernel's ip_vs_service_find does: by
     * firewall mark first (when the packet has one), then by protocol, address and port, then a
     * persistent service on port 0 of that address.
     */
    public VirtualService lookup(Protocol protocol, InetAddress address, int port, int mark) {
        if (mark != 0) {
            VirtualService byMark = services.get(new ServiceKey.Mark(AddressFamily.of(address), mark));
            if (byMark != null) {
                return byMark;
            }
        }
        VirtualService exact = services.get(new ServiceKey.Address(protocol, address, port));
        if (exact != null || port == 0) {
            return exact;
        }
        VirtualService portZero = services.get(new ServiceKey.Address(protocol, address, 0));
        return portZero != null && portZero.spec().persistent() ? portZero : null;
    }

    /** ip_vs_add_service: binds a new instance of the service's scheduler. */
    public VirtualService add(ServiceSpec spec) {
        VirtualService service = new VirtualService(spec, newScheduler(spec));
        services.put(spec.key(), service);
        return service;
    }

    /** ip_vs_edit_service: the kernel rebinds only when the scheduler changes. */
    public void edit(ServiceSpec spec) {
        VirtualService service = existing(spec.key());
        Scheduler scheduler = spec.scheduler().equals(service.spec().scheduler())
                ? service.scheduler() : newScheduler(spec);
        service.edit(spec, scheduler);
    }

    /** ip_vs_del_service. */
    public void remove(ServiceKey key) {
        existing(key).unbind();
        services.remove(key);
    }

    /** ip_vs_flush. */
    public void flush() {
        services.values().forEach(VirtualService::unbind);
        services.clear();
    }

    public RealServer addDestination(ServiceKey key, DestinationSpec spec) {
        return existing(key).addDestination(spec);
    }

    public void editDestination(ServiceKey key, DestinationSpec spec) {
        VirtualService service = existing(key);
        service.editDestination(existingDestination(service, spec.address(), spec.port()), spec);
    }

    public void removeDestination(ServiceKey key, InetAddress address, int port) {
        VirtualService service = existing(key);
        service.removeDestination(existingDestination(service, address, port));
    }

    /** Alibaba's ip_vs_add_laddr: the address goes to the end of the service's list. */
    public LocalAddress addLocalAddress(ServiceKey key, InetAddress address) {
        return existing(key).addLocalAddress(address);
    }

    /** Alibaba's ip_vs_del_laddr. */
    public void removeLocalAddress(ServiceKey key, InetAddress address) {
        VirtualService service = existing(key);
        LocalAddress local = service.findLocalAddress(address);
        if (local == null) {
            throw new IllegalStateException("no run-time local address " + address.getHostAddress()
                    + ": the table and the engine disagree");
        }
        service.removeLocalAddress(local);
    }

    /** ipvsadm -Z: the counters of one service (key non-null) and its real servers, or of all. */
    public void zero(ServiceKey key) {
        for (VirtualService service : services.values()) {
            if (key == null || key.equals(service.key())) {
                service.stats().zero();
                service.destinations().forEach(dest -> dest.stats().zero());
            }
        }
    }

    /** Whether a service of this spec can be bound: its scheduler is "none" or a registered one. */
    public static boolean canBind(ServiceSpec spec) {
        return spec.scheduler().equals(NoScheduler.NAME) || SchedulerRegistry.exists(spec.scheduler());
    }

    /** ip_vs_add_service and ip_vs_edit_service bind nothing for "none", else a new scheduler instance. */
    private Scheduler newScheduler(ServiceSpec spec) {
        if (spec.scheduler().equals(NoScheduler.NAME)) {
            return NoScheduler.INSTANCE;
        }
        return SchedulerRegistry.create(spec.scheduler(), context).orElseThrow(() ->
                new IllegalArgumentException("unknown scheduler: " + spec.scheduler()));
    }

    private VirtualService existing(ServiceKey key) {
        VirtualService service = services.get(key);
        if (service == null) {
            throw new IllegalStateException("no run-time service " + key + ": the table and the engine disagree");
        }
        return service;
    }

    private static RealServer existingDestination(VirtualService service, InetAddress address, int port) {
        RealServer dest = service.find(address, port);
        if (dest == null) {
            throw new IllegalStateException("no run-time destination " + address + ":" + port
                    + ": the table and the engine disagree");
        }
        return dest;
    }
}
