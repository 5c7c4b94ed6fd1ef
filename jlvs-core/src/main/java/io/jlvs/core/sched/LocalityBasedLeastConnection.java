package io.jlvs.core.sched;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.time.Duration;

/**
 * The lblc scheduler (ip_vs_lblc.c): each destination address sticks to one server, kept in a
 * cache, until that server is gone, has weight 0, or is overloaded (more active connections than
 * its weight while some server has fewer than half its weight). Then a new server is chosen by
 * weighted least connection and the entry is replaced.
 *
 * <p>Entries unused for lblc_expiration (24 h by default) go at the next full check, which the
 * periodic check runs every 30th time it finds nothing to collect; above 16384 entries it collects
 * entries unused for 6 minutes. See {@link LocalityTable} for how the kernel's timer is replayed
 * from the times schedule() receives.
 *
 * <p>A lookup that hits the cache allocates nothing; a miss that creates an entry allocates it,
 * as the kernel kmallocs one.
 */
public final class LocalityBasedLeastConnection extends LocalityScheduler<LocalityBasedLeastConnection.Entry> {

    /** lblc with the default lblc_expiration of 24 hours. */
    public LocalityBasedLeastConnection() {
        this(Duration.ofNanos(LocalityTable.DEFAULT_EXPIRATION));
    }

    /** lblc with another lblc_expiration. */
    public LocalityBasedLeastConnection(Duration expiration) {
        super(expiration);
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        advanceTo(nowNanos);
        AddressFamily family = service.key().family();
        Entry en = table.get(family, flow);
        if (en != null) {
            en.lastUse = nowNanos;
            RealServer dest = en.dest;
            if (dest.isAvailable() && dest.weight() > 0 && !LocalityLoad.isOverloaded(dest, service)) {
                return dest;
            }
        }
        RealServer dest = LocalityLoad.leastLoaded(service);
        if (dest == null) {
            return null;
        }
        if (!table.dead()) {
            remember(family, flow, en, dest, nowNanos);
        }
        return dest;
    }

    /** The number of cached destination addresses. */
    public int cacheSize() {
        return table.size();
    }

    /** The server cached for the flow's destination address, or null; does not touch lastuse. */
    public RealServer cached(VirtualService service, Flow flow) {
        Entry en = table.get(service.key().family(), flow);
        return en == null ? null : en.dest;
    }

    /** ip_vs_lblc_new: keeps an entry already on dest, else replaces it by a fresh one. */
    private void remember(AddressFamily family, Flow flow, Entry en, RealServer dest, long nowNanos) {
        if (en != null) {
            if (en.dest == dest) {
                return;
            }
            table.remove(en);
        }
        if (table.full()) {
            return;
        }
        table.add(family, flow, new Entry(flow, dest, nowNanos)); // a miss allocates its entry
    }

    /** A destination address and its server. */
    static final class Entry extends LocalityEntry {
        final RealServer dest;

        Entry(Flow flow, RealServer dest, long nowNanos) {
            super(flow, nowNanos);
            this.dest = dest;
        }
    }
}
