package io.jlvs.core.sched;

import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

/**
 * Round-robin scheduling (the kernel's ip_vs_rr.c): a cursor walks the destination list and hands
 * out the next server that is neither OVERLOADED nor quiesced (weight 0), wrapping at the end.
 *
 * <p>The kernel keeps the cursor as a pointer into the list, the list head meaning "before the
 * first". Here it is an index ({@link #HEAD} for the list head) plus the server it points at, so a
 * schedule stays O(1) to resume. Adds go to the head of the list and shift the index; a delete of
 * the server under the cursor moves the cursor back to the entry before it, as ip_vs_rr_del_dest.
 */
public final class RoundRobin implements Scheduler {
    private static final int HEAD = -1;

    private int cursor = HEAD;
    private RealServer cursorDest;

    @Override
    public void initService(VirtualService service) {
        cursor = HEAD;
        cursorDest = null;
    }

    @Override
    public void addDest(VirtualService service, RealServer dest) {
        // The new server is entry 0: the server under the cursor moved one place down.
        if (cursor != HEAD) {
            cursor++;
        }
    }

    @Override
    public void delDest(VirtualService service, RealServer dest) {
        if (cursor == HEAD) {
            return;
        }
        if (cursorDest == dest) {
            // The kernel follows the unlinked entry's next->prev: the entry that preceded it.
            cursor--;
            cursorDest = cursor == HEAD ? null : service.destination(cursor);
        } else if (cursor >= service.destinationCount() || service.destination(cursor) != cursorDest) {
            // An entry before the cursor went away: the cursor's server moved one place up.
            cursor--;
        }
    }

    @Override
    public RealServer schedule(VirtualService service, Flow flow, long nowNanos) {
        int count = service.destinationCount();
        int last = resync(service, count);
        // Entries after the cursor to the end, then from the start up to and including the cursor.
        for (int step = 0; step < count; step++) {
            int i = last + 1 + step;
            if (i >= count) {
                i -= count;
            }
            RealServer dest = service.destination(i);
            if (!dest.isOverloaded() && dest.weight() > 0) {
                cursor = i;
                cursorDest = dest;
                return dest;
            }
        }
        return null;
    }

    /** The cursor, put back on its server if the list changed without a hook (never in normal use). */
    private int resync(VirtualService service, int count) {
        if (cursor == HEAD || (cursor < count && service.destination(cursor) == cursorDest)) {
            return cursor;
        }
        cursor = HEAD;
        for (int i = 0; i < count; i++) {
            if (service.destination(i) == cursorDest) {
                cursor = i;
                break;
            }
        }
        if (cursor == HEAD) {
            cursorDest = null;
        }
        return cursor;
    }
}
