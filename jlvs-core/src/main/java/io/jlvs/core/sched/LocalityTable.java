package io.jlvs.core.sched;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.service.Flow;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The cache of lblc and lblcr (struct ip_vs_lblc_table / ip_vs_lblcr_table): 1024 hash buckets of
 * entries keyed by destination address, newest first in each bucket, and the periodic expiry the
 * kernel runs from a timer.
 *
 * <p>We have no timer thread. The kernel arms its timer at init_service and re-arms it
 * CHECK_EXPIRE_INTERVAL after each run, so its checks fall at start + k * 60 s. {@link #advanceTo}
 * replays every check due at or before the given time, in order, each seeing its own due time as
 * "now", so the table ends up as the kernel's would at that time. Checks that can only move the
 * full-check counter (an empty table, or no garbage collection needed before the next full check)
 * are skipped in bulk, so a long idle gap costs one step per full check at most. A check due at the
 * very time of a lookup runs before the lookup. Times are exact nanoseconds, not jiffies.
 */
final class LocalityTable<E extends LocalityEntry> {
    /** IP_VS_LBLC_TAB_BITS / IP_VS_LBLCR_TAB_BITS (config default 10). */
    static final int TAB_BITS = 10;
    static final int TAB_SIZE = 1 << TAB_BITS;
    static final int TAB_MASK = TAB_SIZE - 1;
    /** max_size: the entry count above which the periodic check collects stale entries. */
    static final int MAX_SIZE = TAB_SIZE * 16;
    /** CHECK_EXPIRE_INTERVAL: the timer period. */
    static final long CHECK_EXPIRE_INTERVAL = TimeUnit.SECONDS.toNanos(60);
    /** ENTRY_TIMEOUT: how long an entry must be unused before garbage collection takes it. */
    static final long ENTRY_TIMEOUT = TimeUnit.MINUTES.toNanos(6);
    /** Every this many checks without garbage collection, a full expiration check runs. */
    static final int COUNT_FOR_FULL_EXPIRATION = 30;
    /** The sysctl default for lblc_expiration and lblcr_expiration: 24 hours. */
    static final long DEFAULT_EXPIRATION = TimeUnit.HOURS.toNanos(24);

    private final LocalityEntry[] buckets = new LocalityEntry[TAB_SIZE];
    private int entries;
    private int rover;
    private int counter = 1;
    private boolean dead;
    private boolean armed;
    private long nextCheck;

    /** Arms the periodic check one interval after now, as mod_timer in init_service. */
    void arm(long nowNanos) {
        armed = true;
        nextCheck = nowNanos + CHECK_EXPIRE_INTERVAL;
    }

    boolean armed() {
        return armed;
    }

    /** Whether the table was flushed for good (done_service); no entry is created any more. */
    boolean dead() {
        return dead;
    }

    int size() {
        return entries;
    }

    /** Whether a new entry would exceed the cap of max_size * 3 / 2 entries. */
    boolean full() {
        return entries >= MAX_SIZE * 3 / 2;
    }

    /** The bucket of an address: hash_32(ntohl(fold), 10) with the service's family. */
    static int bucketOf(AddressFamily serviceFamily, Flow flow) {
        int fold = GoldenRatioHash.fold(serviceFamily, flow.destinationWord(0), flow.destinationWord(1),
                flow.destinationWord(2), flow.destinationWord(3));
        return GoldenRatioHash.hash32(fold, TAB_BITS);
    }

    /** The entry for the flow's destination address, or null (allocation-free). */
    @SuppressWarnings("unchecked")
    E get(AddressFamily serviceFamily, Flow flow) {
        for (LocalityEntry en = buckets[bucketOf(serviceFamily, flow)]; en != null; en = en.next) {
            if (en.matches(flow)) {
                return (E) en;
            }
        }
        return null;
    }

    /** Links a new entry at the head of its bucket (hlist_add_head). */
    void add(AddressFamily serviceFamily, Flow flow, E en) {
        int b = bucketOf(serviceFamily, flow);
        en.bucket = b;
        en.next = buckets[b];
        buckets[b] = en;
        entries++;
    }

    /** Unlinks an entry and counts it out. */
    void remove(E en) {
        LocalityEntry prev = null;
        for (LocalityEntry cur = buckets[en.bucket]; cur != null; prev = cur, cur = cur.next) {
            if (cur == en) {
                if (prev == null) {
                    buckets[en.bucket] = cur.next;
                } else {
                    prev.next = cur.next;
                }
                cur.next = null;
                entries--;
                return;
            }
        }
    }

    /** Drops every entry, stops the timer and refuses new entries (done_service). */
    void flush() {
        dead = true;
        armed = false;
        Arrays.fill(buckets, null);
        entries = 0;
    }

    /** Runs every periodic check due at or before now, each at its own due time. */
    void advanceTo(long nowNanos, long expirationNanos) {
        while (armed && nowNanos - nextCheck >= 0) {
            long pending = (nowNanos - nextCheck) / CHECK_EXPIRE_INTERVAL + 1;
            if (entries == 0) {
                // Every check on an empty table only cycles the counter through 1..30.
                counter = (int) ((counter - 1 + pending) % COUNT_FOR_FULL_EXPIRATION) + 1;
                nextCheck += pending * CHECK_EXPIRE_INTERVAL;
                return;
            }
            if (counter % COUNT_FOR_FULL_EXPIRATION != 0 && entries <= MAX_SIZE) {
                // Checks before the next full one only count up while the table is within max_size.
                long skipped = Math.min(pending, COUNT_FOR_FULL_EXPIRATION - counter);
                counter += (int) skipped;
                nextCheck += skipped * CHECK_EXPIRE_INTERVAL;
                continue;
            }
            checkExpire(nextCheck, expirationNanos);
            nextCheck += CHECK_EXPIRE_INTERVAL;
        }
    }

    /** ip_vs_lblc_check_expire / ip_vs_lblcr_check_expire at time now. */
    private void checkExpire(long now, long expirationNanos) {
        if (counter % COUNT_FOR_FULL_EXPIRATION == 0) {
            fullCheck(now, expirationNanos);
            counter = 1;
            return;
        }
        if (entries <= MAX_SIZE) {
            counter++;
            return;
        }
        int goal = (entries - MAX_SIZE) * 4 / 3;
        if (goal > MAX_SIZE / 2) {
            goal = MAX_SIZE / 2;
        }
        int j = rover;
        for (int i = 0; i < TAB_SIZE; i++) {
            j = (j + 1) & TAB_MASK;
            goal -= removeUnusedSince(j, now, ENTRY_TIMEOUT);
            if (goal <= 0) {
                break;
            }
        }
        rover = j;
    }

    /** The full expiration check: drops entries unused for the sysctl expiration. */
    private void fullCheck(long now, long expirationNanos) {
        int j = rover;
        for (int i = 0; i < TAB_SIZE; i++) {
            j = (j + 1) & TAB_MASK;
            removeUnusedSince(j, now, expirationNanos);
        }
        rover = j;
    }

    /** Removes the entries of bucket b with now at or past lastUse + age; returns how many. */
    private int removeUnusedSince(int b, long now, long age) {
        int removed = 0;
        LocalityEntry prev = null;
        LocalityEntry cur = buckets[b];
        while (cur != null) {
            LocalityEntry next = cur.next;
            // time_before(now, lastuse + age) keeps the entry.
            if (now - (cur.lastUse + age) < 0) {
                prev = cur;
            } else {
                if (prev == null) {
                    buckets[b] = next;
                } else {
                    prev.next = next;
                }
                cur.next = null;
                entries--;
                removed++;
            }
            cur = next;
        }
        return removed;
    }
}
