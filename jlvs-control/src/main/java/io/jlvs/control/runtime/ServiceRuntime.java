package io.jlvs.control.runtime;

import io.jlvs.control.ServiceTable;
import io.jlvs.control.ServiceTableListener;
import io.jlvs.control.api.Command;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.Scheduler;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.sched.SchedulerRegistry;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The run-time mirror of the service table: one {@link VirtualService} with its bound scheduler per
 * configured service, kept in step with every applied command, in the order and with the hooks the
 * kernel uses. What an engine (or jlvs simulate) schedules with. Owned by one thread at a time.
 */
public final class ServiceRuntime implements ServiceTableListener {
    private final SchedulerContext context;
    private final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();

    public ServiceRuntime(SchedulerContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The services at run time, in the order they were added. */
    public Collection<VirtualService> services() {
        return Collections.unmodifiableCollection(services.values());
    }

    /** The service with exactly this key, or null. */
    public VirtualService service(ServiceKey key) {
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

    @Override
    public void tableChanged(Command applied, ServiceTable table) {
        switch (applied) {
            case Command.AddService add -> services.put(add.service().key(),
                    new VirtualService(add.service(), newScheduler(add.service())));
            case Command.EditService edit -> {
                VirtualService service = existing(edit.service().key());
                ServiceSpec spec = edit.service();
                // The kernel rebinds only when the scheduler changes; the same one keeps its state.
                Scheduler scheduler = spec.scheduler().equals(service.spec().scheduler())
                        ? service.scheduler() : newScheduler(spec);
                service.edit(spec, scheduler);
            }
            case Command.DelService del -> {
                existing(del.key()).unbind();
                services.remove(del.key());
            }
            case Command.Flush flush -> {
                services.values().forEach(VirtualService::unbind);
                services.clear();
            }
            case Command.AddDest add -> existing(add.key()).addDestination(add.destination());
            case Command.EditDest edit -> {
                VirtualService service = existing(edit.key());
                DestinationSpec spec = edit.destination();
                service.editDestination(existingDestination(service, spec.address(), spec.port()), spec);
            }
            case Command.DelDest del -> {
                VirtualService service = existing(del.key());
                service.removeDestination(existingDestination(service, del.address(), del.port()));
            }
            case Command.Zero zero -> { }
            case Command.SetTimeouts timeouts -> { }
            case Command.StartDaemon start -> { }
            case Command.StopDaemon stop -> { }
            // The ServiceManager reports a batch's members one by one; a nested batch is replayed.
            case Command.Batch batch -> batch.commands().forEach(c -> tableChanged(c, table));
        }
    }

    private Scheduler newScheduler(ServiceSpec spec) {
        return SchedulerRegistry.create(spec.scheduler(), context).orElseThrow(() ->
                new IllegalStateException("the table accepted an unknown scheduler: " + spec.scheduler()));
    }

    private VirtualService existing(ServiceKey key) {
        VirtualService service = services.get(key);
        if (service == null) {
            throw new IllegalStateException("the table and its run-time mirror disagree about " + key);
        }
        return service;
    }

    private static RealServer existingDestination(VirtualService service, InetAddress address, int port) {
        RealServer dest = service.find(address, port);
        if (dest == null) {
            throw new IllegalStateException("the table and its run-time mirror disagree about " + address + ":" + port);
        }
        return dest;
    }
}
