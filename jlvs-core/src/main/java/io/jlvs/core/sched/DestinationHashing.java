package io.jlvs.core.sched;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.util.Arrays;

/**
 * The dh scheduler (ip_vs_dh.c): a 256-bucket table, filled by walking the destination list round
 * robin (one bucket per destination per lap, weights play no part), indexed by
 * hash_32(ntohl(fold(destination address)), 8).
 *
 * <p>The table is rebuilt on add and delete only: the kernel's dh has no upd_dest hook, because an
 * edit cannot change the fill. A bucket's server that is unavailable, has weight 0 or is
 * OVERLOADED yields no server (the kernel returns NULL; there is no fallback).
 */
public final class DestinationHashing implements Scheduler {
    /** IP_VS_DH_TAB_BITS (CONFIG_IP_VS_DH_TAB_BITS default). */
    static final int TAB_BITS = 8;
    static final int TAB_SIZE = 1 << TAB_BITS;

    private final RealServer[] buckets = new RealServer[TAB_SIZE];

    @Override
    public void initService(VirtualService service) {
        reassign(service);
    }

    @Override
    public void doneService(VirtualService service) {
        Arrays.fill(buckets, null);
    }

    @Override
    public void addDest(VirtualService service, RealServer dest) {
        reassign(service);
    }

    @Override
    public void delDest(VirtualService service, RealServer dest) {
        reassign(service);
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        RealServer dest = buckets[bucketOf(service.key().family(), flow)];
        if (dest == null || !dest.isAvailable() || dest.weight() <= 0 || dest.isOverloaded()) {
            return null;
        }
        return dest;
    }

    /** The bucket of a flow's destination address (ip_vs_dh_hashkey on iph->daddr). */
    static int bucketOf(AddressFamily serviceFamily, Flow flow) {
        int fold = GoldenRatioHash.fold(serviceFamily, flow.destinationWord(0), flow.destinationWord(1),
                flow.destinationWord(2), flow.destinationWord(3));
        return GoldenRatioHash.hash32(fold, TAB_BITS);
    }

    /** The server in bucket i, for tests and the simulator. */
    RealServer bucket(int i) {
        return buckets[i];
    }

    private void reassign(VirtualService service) {
        int n = service.destinationCount();
        for (int i = 0; i < TAB_SIZE; i++) {
            buckets[i] = n == 0 ? null : service.destination(i % n);
        }
    }
}
