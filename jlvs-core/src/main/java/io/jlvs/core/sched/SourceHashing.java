package io.jlvs.core.sched;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.util.Arrays;

/**
 * The sh scheduler (ip_vs_sh.c): a 256-bucket table filled by walking the destination list and
 * giving each destination as many consecutive slots as its weight (at least one: a weight-0
 * server still takes one bucket per lap, as in the kernel), indexed by
 * hash_32(ntohs(port) + ntohl(fold(client address)), 8).
 *
 * <p>sh-port (SCHED2) adds the client's port to the key; sh-fallback (SCHED1) walks the table from
 * the chosen bucket when its server is unavailable (weight &lt;= 0 or OVERLOADED). The table is
 * rebuilt on every add, edit and delete.
 */
public final class SourceHashing extends HashedTable implements Scheduler {
    /** IP_VS_SH_TAB_BITS (CONFIG_IP_VS_SH_TAB_BITS default). */
    static final int TAB_BITS = 8;
    static final int TAB_SIZE = 1 << TAB_BITS;
    static final int TAB_MASK = TAB_SIZE - 1;

    /** An sh scheduler; -b sh-fallback and sh-port come from the service flags. */
    public SourceHashing() {
        super(TAB_SIZE);
    }

    @Override
    protected int slotOf(int fold, int port, int offset) {
        return hashKey(fold, port, offset);
    }

    @Override
    public void initService(VirtualService service) {
        reassign(service);
    }

    @Override
    public void doneService(VirtualService service) {
        Arrays.fill(slots, null);
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
    public void updDest(VirtualService service, RealServer dest) {
        reassign(service);
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        int flags = service.spec().flags();
        // ip_vs_sh_get_port: the source port for TCP, UDP and SCTP, the only protocols a Flow carries.
        int port = (flags & ServiceFlags.SCHED2) != 0 ? flow.sourcePort() : 0;
        AddressFamily family = service.key().family();
        int fold = GoldenRatioHash.fold(family, flow.sourceWord(0), flow.sourceWord(1),
                flow.sourceWord(2), flow.sourceWord(3));
        return (flags & ServiceFlags.SCHED1) != 0 ? getWithFallback(fold, port) : get(fold, port);
    }

    /** ip_vs_sh_hashkey: the bucket for an address fold and port, shifted by offset. */
    static int hashKey(int fold, int port, int offset) {
        return (offset + GoldenRatioHash.hash32(port + fold, TAB_BITS)) & TAB_MASK;
    }

    /** The server in bucket i, for tests and the simulator. */
    RealServer bucket(int i) {
        return slots[i];
    }


    private void reassign(VirtualService service) {
        int n = service.destinationCount();
        int index = 0;
        int count = 0;
        for (int i = 0; i < TAB_SIZE; i++) {
            if (n == 0) {
                slots[i] = null;
                continue;
            }
            RealServer dest = service.destination(index);
            slots[i] = dest;
            // Do not move to the next server until it has filled its weight (1 bucket for weight 0).
            if (++count >= dest.weight()) {
                index = (index + 1) % n;
                count = 0;
            }
        }
    }
}
