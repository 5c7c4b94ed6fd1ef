package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * ipvsadm -s none: a service with no scheduler bound (the kernel's svc->scheduler == NULL). It
 * never picks a real server, so a new connection gets one only from a persistence template, as in
 * ip_vs_schedule and ip_vs_sched_persist. Not a registered plug-in: the kernel too recognises the
 * name "none" in ip_vs_add_service and ip_vs_edit_service and binds nothing.
 */
public final class NoScheduler implements Scheduler {
    /** The name ipvsadm passes, and lists, for a service without a scheduler. */
    public static final String NAME = "none";
    /** Stateless, so one instance serves every such service. */
    public static final NoScheduler INSTANCE = new NoScheduler();

    private NoScheduler() {
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        return null;
    }
}
