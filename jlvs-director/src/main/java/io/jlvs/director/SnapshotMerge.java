package io.jlvs.director;

import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds the workers' copies of one table into the table ipvsadm lists: every worker holds the same
 * services and real servers in the same order (they apply the same commands), each with its own
 * share of the connections, counters and rates, as the kernel keeps per-CPU counters and sums them.
 */
final class SnapshotMerge {
    private SnapshotMerge() {
    }

    static TableSnapshot merge(List<TableSnapshot> copies) {
        TableSnapshot first = copies.getFirst();
        if (copies.size() == 1) {
            return first;
        }
        List<TableSnapshot.Service> services = new ArrayList<>(first.services().size());
        for (int s = 0; s < first.services().size(); s++) {
            TableSnapshot.Service base = first.services().get(s);
            TrafficStats stats = base.stats();
            TrafficRates rates = base.rates();
            List<TableSnapshot.Destination> destinations = new ArrayList<>(base.destinations());
            List<TableSnapshot.LocalAddress> locals = new ArrayList<>(base.localAddresses());
            for (int w = 1; w < copies.size(); w++) {
                TableSnapshot.Service other = sameService(copies.get(w), s, base);
                stats = add(stats, other.stats());
                rates = add(rates, other.rates());
                for (int d = 0; d < destinations.size(); d++) {
                    destinations.set(d, add(destinations.get(d), other.destinations().get(d)));
                }
                for (int l = 0; l < locals.size(); l++) {
                    TableSnapshot.LocalAddress a = locals.get(l);
                    TableSnapshot.LocalAddress b = other.localAddresses().get(l);
                    locals.set(l, new TableSnapshot.LocalAddress(a.address(), a.connections() + b.connections(),
                            a.conflicts() + b.conflicts()));
                }
            }
            services.add(new TableSnapshot.Service(base.spec(), stats, rates, destinations, locals));
        }
        return new TableSnapshot(services, first.timeouts());
    }

    private static TableSnapshot.Service sameService(TableSnapshot copy, int s, TableSnapshot.Service base) {
        TableSnapshot.Service other = copy.services().size() > s ? copy.services().get(s) : null;
        if (other == null || !other.spec().key().equals(base.spec().key())
                || other.destinations().size() != base.destinations().size()
                || other.localAddresses().size() != base.localAddresses().size()) {
            throw new IllegalStateException("the workers' tables differ at " + base.spec().key());
        }
        return other;
    }

    private static TableSnapshot.Destination add(TableSnapshot.Destination a, TableSnapshot.Destination b) {
        return new TableSnapshot.Destination(a.spec(), a.activeConns() + b.activeConns(),
                a.inactConns() + b.inactConns(), a.persistConns() + b.persistConns(), add(a.stats(), b.stats()),
                add(a.rates(), b.rates()));
    }

    private static TrafficStats add(TrafficStats a, TrafficStats b) {
        return new TrafficStats(a.conns() + b.conns(), a.inPackets() + b.inPackets(), a.outPackets() + b.outPackets(),
                a.inBytes() + b.inBytes(), a.outBytes() + b.outBytes());
    }

    private static TrafficRates add(TrafficRates a, TrafficRates b) {
        return new TrafficRates(a.connsPerSecond() + b.connsPerSecond(),
                a.inPacketsPerSecond() + b.inPacketsPerSecond(), a.outPacketsPerSecond() + b.outPacketsPerSecond(),
                a.inBytesPerSecond() + b.inBytesPerSecond(), a.outBytesPerSecond() + b.outBytesPerSecond());
    }
}
