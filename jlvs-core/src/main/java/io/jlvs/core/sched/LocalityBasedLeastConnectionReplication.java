package io.jlvs.core.sched;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.time.Duration;
import java.util.Arrays;

/**
 * The lblcr scheduler (ip_vs_lblcr.c): each destination address maps to a set of servers. A flow
 * goes to the set's weighted least-connection member unless that one is overloaded (more active
 * connections than its weight while some server has fewer than half its weight) or the set has no
 * usable member; then the service's weighted least-connection server is chosen and added to the
 * set. When a set of more than one member has not changed for lblcr_expiration, its most loaded
 * member is dropped on the next lookup.
 *
 * <p>Entry expiry follows lblc (full checks against lblcr_expiration, garbage collection of
 * entries unused for 6 minutes above 16384 entries), replayed from schedule()'s times as
 * {@link LocalityTable} describes.
 *
 * <p>A lookup that hits the cache allocates nothing unless a set grows past its capacity; a miss
 * that creates an entry allocates it, as the kernel kmallocs entries and set elements.
 */
public final class LocalityBasedLeastConnectionReplication extends LocalityScheduler<LocalityBasedLeastConnectionReplication.Entry> {

    /** lblcr with the default lblcr_expiration of 24 hours. */
    public LocalityBasedLeastConnectionReplication() {
        this(Duration.ofNanos(LocalityTable.DEFAULT_EXPIRATION));
    }

    /** lblcr with another lblcr_expiration. */
    public LocalityBasedLeastConnectionReplication(Duration expiration) {
        super(expiration);
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        advanceTo(nowNanos);
        AddressFamily family = service.key().family();
        Entry en = table.get(family, flow);
        if (en != null) {
            en.lastUse = nowNanos;
            RealServer dest = en.leastLoaded();
            // More than one member and unchanged for the expiration: drop the most loaded one.
            // dest was picked before, so it is still used below even if it was the one dropped.
            if (en.size > 1 && (en.lastModified + expirationNanos) - nowNanos < 0) {
                RealServer most = en.mostLoaded();
                if (most != null) {
                    en.erase(most, nowNanos);
                }
            }
            if (dest != null && !LocalityLoad.isOverloaded(dest, service)) {
                return dest;
            }
            dest = LocalityLoad.leastLoaded(service);
            if (dest == null) {
                return null;
            }
            if (!table.dead()) {
                en.insert(dest, true, nowNanos);
            }
            return dest;
        }
        RealServer dest = LocalityLoad.leastLoaded(service);
        if (dest == null) {
            return null;
        }
        if (!table.dead() && !table.full()) {
            Entry created = new Entry(flow, nowNanos); // a miss allocates its entry
            created.insert(dest, false, nowNanos);
            table.add(family, flow, created);
        }
        return dest;
    }

    /** The number of cached destination addresses. */
    public int cacheSize() {
        return table.size();
    }

    /** The set cached for the flow's destination address, newest member first (empty if none). */
    public RealServer[] cachedSet(VirtualService service, Flow flow) {
        Entry en = table.get(service.key().family(), flow);
        return en == null ? new RealServer[0] : Arrays.copyOf(en.members, en.size);
    }

    /** A destination address and its server set (struct ip_vs_dest_set), newest member first. */
    static final class Entry extends LocalityEntry {
        RealServer[] members = new RealServer[2];
        int size;
        long lastModified;

        Entry(Flow flow, long nowNanos) {
            super(flow, nowNanos);
        }

        /** ip_vs_dest_set_insert: adds at the head (once, when check is set) and stamps lastmod. */
        void insert(RealServer dest, boolean check, long nowNanos) {
            if (check) {
                for (int i = 0; i < size; i++) {
                    if (members[i] == dest) {
                        return;
                    }
                }
            }
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
            }
            System.arraycopy(members, 0, members, 1, size);
            members[0] = dest;
            size++;
            lastModified = nowNanos;
        }

        /** ip_vs_dest_set_erase: removes the member and stamps lastmod. */
        void erase(RealServer dest, long nowNanos) {
            for (int i = 0; i < size; i++) {
                if (members[i] == dest) {
                    System.arraycopy(members, i + 1, members, i, size - i - 1);
                    members[--size] = null;
                    lastModified = nowNanos;
                    return;
                }
            }
        }

        /**
         * ip_vs_dest_set_min: the first member not OVERLOADED with weight &gt; 0 that is available,
         * then any later available, non-OVERLOADED member with a strictly smaller overhead/weight.
         */
        RealServer leastLoaded() {
            RealServer least = null;
            int i = 0;
            for (; i < size; i++) {
                RealServer d = members[i];
                if (!d.isOverloaded() && d.weight() > 0 && d.isAvailable()) {
                    least = d;
                    break;
                }
            }
            if (least == null) {
                return null;
            }
            long loh = least.overhead();
            for (i++; i < size; i++) {
                RealServer d = members[i];
                if (d.isOverloaded()) {
                    continue;
                }
                long doh = d.overhead();
                if (loh * d.weight() > doh * least.weight() && d.isAvailable()) {
                    least = d;
                    loh = doh;
                }
            }
            return least;
        }

        /**
         * ip_vs_dest_set_max: the first member with weight &gt; 0, then any later member with
         * weight &gt; 0 and a strictly larger overhead/weight (availability and OVERLOAD are ignored).
         */
        RealServer mostLoaded() {
            RealServer most = null;
            int i = 0;
            for (; i < size; i++) {
                if (members[i].weight() > 0) {
                    most = members[i];
                    break;
                }
            }
            if (most == null) {
                return null;
            }
            long moh = most.overhead();
            for (i++; i < size; i++) {
                RealServer d = members[i];
                long doh = d.overhead();
                if (moh * d.weight() < doh * most.weight() && d.weight() > 0) {
                    most = d;
                    moh = doh;
                }
            }
            return most;
        }
    }
}
