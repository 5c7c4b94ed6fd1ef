package io.jlvs.core.sched;

import io.jlvs.core.service.RealServer;

/**
 * The lookup sh and mh share: a table of servers indexed by a hash of the client's address (and
 * port), and their fallback, which re-hashes with roffset = offset + the first hash until it finds
 * a server that has weight and is not OVERLOADED (ip_vs_sh_get_fallback, ip_vs_mh_get_fallback).
 */
abstract class HashedTable {
    protected final RealServer[] slots;

    HashedTable(int size) {
        slots = new RealServer[size];
    }

    /** The slot for a folded address, a port (0 unless the -port flag is set) and an offset. */
    protected abstract int slotOf(int fold, int port, int offset);

    /** Both schedulers' notion of unavailable (they do not look at AVAILABLE: deletes rebuild the table). */
    static boolean isUnavailable(RealServer dest) {
        return dest.weight() <= 0 || dest.isOverloaded();
    }

    /** The server in the flow's slot, or null when there is none or it is unavailable. */
    final RealServer get(int fold, int port) {
        RealServer dest = slots[slotOf(fold, port, 0)];
        return dest == null || isUnavailable(dest) ? null : dest;
    }

    /** sh-fallback / mh-fallback: the first available server along the re-hashed slots. */
    final RealServer getWithFallback(int fold, int port) {
        int ihash = slotOf(fold, port, 0);
        RealServer dest = slots[ihash];
        if (dest == null) {
            return null;
        }
        if (!isUnavailable(dest)) {
            return dest;
        }
        for (int offset = 0; offset < slots.length; offset++) {
            int roffset = (offset + ihash) % slots.length;
            dest = slots[slotOf(fold, port, roffset)];
            if (dest == null) {
                break;
            }
            if (!isUnavailable(dest)) {
                return dest;
            }
        }
        return null;
    }
}
