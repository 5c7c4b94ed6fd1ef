package io.jlvs.core.sched;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The mh scheduler (ip_vs_mh.c): Maglev consistent hashing over a 4093-entry lookup table.
 *
 * <p>Each server gets a permutation of the table from two hsiphash values of its address fold and
 * port (offset with hash1, skip with hash2). The table is populated by taking the servers in list
 * order, each claiming its next free preferred slot "turns" times per lap, where turns is
 * last_weight / gcd(last_weights) shifted right so the largest fits in IP_VS_MH_TAB_BITS bits.
 * Because last_weight keeps the latest non-zero weight, a quiesced server (weight 0) keeps its
 * slots; lookups then treat it as unavailable. Flows are looked up by hsiphash of the client
 * address fold (plus port with mh-port, SCHED2); mh-fallback (SCHED1) re-hashes with growing
 * offsets when the slot's server is unavailable.
 *
 * <p>hsiphash is SipHash-1-3 here, as on every 64-bit kernel. The hashed value is a host-order u32
 * (offset + ntohs(port) + ntohl(fold)) read from memory little-endian, which is that number itself,
 * so no byte swapping is involved on x86 and other little-endian CPUs, which we reproduce. (A
 * big-endian kernel would hash Integer.reverseBytes of that value and build a different table.)
 */
public final class MaglevHashing extends HashedTable implements Scheduler {
    /** CONFIG_IP_VS_MH_TAB_INDEX default. */
    static final int CONFIG_TAB_INDEX = 12;
    /** IP_VS_MH_TAB_BITS: the weight bits kept after the gcd reduction. */
    static final int TAB_BITS = CONFIG_TAB_INDEX / 2;
    /** IP_VS_MH_TAB_SIZE: primes[CONFIG_IP_VS_MH_TAB_INDEX - 8]. */
    static final int TAB_SIZE = 4093;

    private final MaglevHashKeys keys;
    private int gcd;
    private int rshift;

    /** An mh scheduler with the kernel's keys. */
    public MaglevHashing() {
        this(MaglevHashKeys.KERNEL);
    }

    /** An mh scheduler with other hsiphash keys. */
    public MaglevHashing(MaglevHashKeys keys) {
        super(TAB_SIZE);
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public void initService(VirtualService service) {
        destChanged(service);
    }

    @Override
    public void doneService(VirtualService service) {
        Arrays.fill(slots, null);
    }

    @Override
    public void addDest(VirtualService service, RealServer dest) {
        destChanged(service);
    }

    @Override
    public void delDest(VirtualService service, RealServer dest) {
        destChanged(service);
    }

    @Override
    public void updDest(VirtualService service, RealServer dest) {
        destChanged(service);
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        int flags = service.spec().flags();
        // ip_vs_mh_get_port: the source port for TCP, UDP and SCTP, the only protocols a Flow carries.
        int port = (flags & ServiceFlags.SCHED2) != 0 ? flow.sourcePort() : 0;
        int fold = GoldenRatioHash.fold(service.key().family(), flow.sourceWord(0), flow.sourceWord(1),
                flow.sourceWord(2), flow.sourceWord(3));
        return (flags & ServiceFlags.SCHED1) != 0 ? getWithFallback(fold, port) : get(fold, port);
    }

    /** The server in lookup slot i, for tests and the simulator. */
    RealServer slot(int i) {
        return slots[i];
    }

    /** ip_vs_mh_hashkey: hsiphash of the u32 offset + port + fold. */
    static int hashKey(long k0, long k1, int fold, int port, int offset) {
        return SipHash.hsipHashU32(k0, k1, offset + port + fold);
    }

    @Override
    protected int slotOf(int fold, int port, int offset) {
        return Integer.remainderUnsigned(hashKey(keys.hash1Key0(), keys.hash1Key1(), fold, port, offset), TAB_SIZE);
    }


    /** ip_vs_mh_dest_changed: recompute gcd and shift, then rebuild the table. */
    private void destChanged(VirtualService service) {
        gcd = gcdOfLastWeights(service);
        rshift = shiftOfWeights(service, gcd);
        reassign(service);
    }

    /** ip_vs_mh_gcd_weight: the gcd of the positive last weights, 0 when there are none. */
    private static int gcdOfLastWeights(VirtualService service) {
        int g = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            int weight = service.destination(i).lastWeight();
            if (weight > 0) {
                g = g > 0 ? gcd(weight, g) : weight;
            }
        }
        return g;
    }

    /** ip_vs_mh_shift_weight: how far to shift max(last_weight)/gcd so it fits in TAB_BITS bits. */
    private static int shiftOfWeights(VirtualService service, int gcd) {
        if (gcd < 1) {
            return 0;
        }
        int weight = 0;
        for (int i = 0; i < service.destinationCount(); i++) {
            weight = Math.max(weight, service.destination(i).lastWeight());
        }
        int mw = weight / gcd;
        int fls = 32 - Integer.numberOfLeadingZeros(mw);
        return Math.max(fls - TAB_BITS, 0);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** ip_vs_mh_reassign: permutate, then populate (control plane; allocates its scratch arrays). */
    private void reassign(VirtualService service) {
        int n = service.destinationCount();
        if (n > TAB_SIZE) {
            return; // the kernel returns -EINVAL and leaves the table as it was
        }
        if (gcd < 1) {
            Arrays.fill(slots, null); // no server has a non-zero last weight
            return;
        }
        AddressFamily family = service.key().family();
        int[] perm = new int[n];
        int[] skip = new int[n];
        int[] turns = new int[n];
        for (int i = 0; i < n; i++) {
            RealServer dest = service.destination(i);
            // The kernel hashes every server with the service's family (svc->af).
            int fold = GoldenRatioHash.fold(family, dest.addressWord(0), dest.addressWord(1),
                    dest.addressWord(2), dest.addressWord(3));
            perm[i] = Integer.remainderUnsigned(
                    hashKey(keys.hash1Key0(), keys.hash1Key1(), fold, dest.port(), 0), TAB_SIZE);
            skip[i] = Integer.remainderUnsigned(
                    hashKey(keys.hash2Key0(), keys.hash2Key1(), fold, dest.port(), 0), TAB_SIZE - 1) + 1;
            int lw = dest.lastWeight();
            int t = (lw / gcd) >> rshift;
            turns[i] = t != 0 ? t : (lw != 0 ? 1 : 0);
        }
        populate(service, perm, skip, turns);
    }

    /** ip_vs_mh_populate: servers take turns claiming their next free preferred slot. */
    private void populate(VirtualService service, int[] perm, int[] skip, int[] turns) {
        int n = service.destinationCount();
        BitSet taken = new BitSet(TAB_SIZE);
        int filled = 0;
        int turnCount = 0;
        while (true) {
            for (int i = 0; i < n; ) {
                if (turns[i] < 1) {
                    i++; // a server added with weight 0 takes no slot
                    continue;
                }
                int c = perm[i];
                while (taken.get(c)) {
                    perm[i] += skip[i];
                    if (perm[i] >= TAB_SIZE) {
                        perm[i] -= TAB_SIZE;
                    }
                    c = perm[i];
                }
                taken.set(c);
                slots[c] = service.destination(i);
                if (++filled == TAB_SIZE) {
                    return;
                }
                if (++turnCount >= turns[i]) {
                    turnCount = 0;
                    i++;
                }
            }
        }
    }
}
