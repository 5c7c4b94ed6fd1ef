package io.jlvs.core.conn;

import java.util.Arrays;

/**
 * A hashed timer wheel over int slots (Varghese and Lauck's scheme 6): O(1) to arm, re-arm and
 * cancel, and expiry work proportional to the entries due plus one look per wheel revolution for
 * entries due later. It allocates nothing after construction, except in {@link #grow}.
 *
 * <p>A slot is filed under the tick its deadline rounds up to. Re-arming to a later deadline only
 * writes the deadline (a packet costs one store); the slot is moved when its old bucket comes
 * round. Re-arming to an earlier deadline (ESTABLISHED to CLOSE, say) moves it at once, so
 * nothing expires late by more than one tick.
 *
 * <p>Memory: 20 bytes per slot (the deadline, the tick it is filed under as 32 bits, which wraps
 * after 2^31 ticks, and two links; a slot's bucket is its filed tick's low bits).
 */
public final class TimerWheel {
    /** Called for each slot whose deadline has passed; it may re-arm or cancel any slot. */
    public interface Expiry {
        void expired(int slot, long nowNanos);
    }

    /** The prev link of a slot in no list. */
    private static final int UNFILED = -2;
    /** The prev link of a list's head. */
    private static final int HEAD = -1;

    private final long tickNanos;
    private final int mask;
    /** Bucket heads, plus one extra list (index buckets) holding the bucket being processed. */
    private final int[] heads;
    private final int processing;
    // Per-slot arrays; links are slot ids, so growing them keeps every list intact.
    private long[] deadline;
    private int[] filedTick;
    private int[] next;
    private int[] prev;
    private long currentTick;

    /**
     * @param slots      the number of slots (0..slots-1)
     * @param buckets    the wheel size, a power of two
     * @param tickNanos  the wheel's resolution
     * @param startNanos the clock now
     */
    public TimerWheel(int slots, int buckets, long tickNanos, long startNanos) {
        if (Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets must be a power of two: " + buckets);
        }
        this.tickNanos = tickNanos;
        this.mask = buckets - 1;
        this.heads = new int[buckets + 1];
        this.processing = buckets;
        Arrays.fill(heads, -1);
        this.deadline = new long[slots];
        this.filedTick = new int[slots];
        this.next = new int[slots];
        this.prev = new int[slots];
        Arrays.fill(prev, UNFILED);
        this.currentTick = Math.floorDiv(startNanos, tickNanos);
    }

    /** The number of slots (0..slots-1). */
    public int slots() {
        return prev.length;
    }

    /**
     * Makes room for slots up to slots-1; armed slots keep their deadlines and buckets, and the new
     * slots are disarmed. Allocates (the per-slot arrays are copied into larger ones). If an
     * allocation fails the wheel is left as it was.
     */
    public void grow(int slots) {
        int old = prev.length;
        if (slots <= old) {
            return;
        }
        long[] newDeadline = Arrays.copyOf(deadline, slots);
        int[] newFiledTick = Arrays.copyOf(filedTick, slots);
        int[] newNext = Arrays.copyOf(next, slots);
        int[] newPrev = Arrays.copyOf(prev, slots);
        Arrays.fill(newPrev, old, slots, UNFILED);
        deadline = newDeadline;
        filedTick = newFiledTick;
        next = newNext;
        prev = newPrev;
    }

    /** Arms or re-arms a slot to fire once nowNanos reaches deadlineNanos. */
    public void schedule(int slot, long deadlineNanos) {
        deadline[slot] = deadlineNanos;
        long tick = Math.max(ceilTick(deadlineNanos), currentTick + 1);
        if (prev[slot] != UNFILED && (int) tick - filedTick[slot] >= 0) {
            // Lazily moved when its bucket comes round (or, in the bucket being processed, at once).
            return;
        }
        unlink(slot);
        file(slot, tick);
    }

    /** Disarms a slot. */
    public void cancel(int slot) {
        unlink(slot);
    }

    /** Whether a slot is armed. */
    public boolean isScheduled(int slot) {
        return prev[slot] != UNFILED;
    }

    /** The slot's deadline. */
    public long deadline(int slot) {
        return deadline[slot];
    }

    /**
     * Moves the wheel to nowNanos and calls expiry for every slot due. A wheel left behind by more
     * than a revolution sweeps every bucket once.
     *
     * @return the number of expiry calls
     */
    public int advance(long nowNanos, Expiry expiry) {
        long nowTick = Math.floorDiv(nowNanos, tickNanos);
        if (nowTick <= currentTick) {
            return 0;
        }
        long from = currentTick + 1;
        long steps = Math.min(nowTick - currentTick, (long) mask + 1);
        currentTick = nowTick;
        int fired = 0;
        for (long t = from; t < from + steps; t++) {
            int bucket = (int) (t & mask);
            if (heads[bucket] < 0) {
                continue;
            }
            moveToProcessing(bucket);
            int slot;
            while ((slot = heads[processing]) >= 0) {
                unlink(slot);
                if (deadline[slot] - nowNanos <= 0) {
                    fired++;
                    expiry.expired(slot, nowNanos);
                } else {
                    file(slot, Math.max(ceilTick(deadline[slot]), currentTick + 1));
                }
            }
        }
        return fired;
    }

    private long ceilTick(long nanos) {
        return Math.floorDiv(nanos + tickNanos - 1, tickNanos);
    }

    private void moveToProcessing(int bucket) {
        heads[processing] = heads[bucket];
        heads[bucket] = -1;
    }

    private void file(int slot, long tick) {
        int bucket = (int) (tick & mask);
        filedTick[slot] = (int) tick;
        prev[slot] = HEAD;
        int head = heads[bucket];
        next[slot] = head;
        if (head >= 0) {
            prev[head] = slot;
        }
        heads[bucket] = slot;
    }

    private void unlink(int slot) {
        int before = prev[slot];
        if (before == UNFILED) {
            return;
        }
        int after = next[slot];
        if (before >= 0) {
            next[before] = after;
        } else {
            // A head: of the list being processed, or of the bucket its filed tick names.
            int owner = heads[processing] == slot ? processing : filedTick[slot] & mask;
            heads[owner] = after;
        }
        if (after >= 0) {
            prev[after] = before;
        }
        prev[slot] = UNFILED;
    }
}
