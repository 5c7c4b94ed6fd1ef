package io.jlvs.daemon;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of request lines that all control connections together may hold while they read, in
 * chunks of {@link #CHUNK_BYTES}. A reader that finds the budget spent waits a little for others
 * to finish, then gives up, so many large requests at once cost jlvsd a bounded amount of memory
 * instead of all of it.
 */
final class RequestBudget {
    /** The unit in which lines are read and the budget is counted. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final Semaphore chunks;
    private final long bytes;
    private final long waitNanos;

    RequestBudget(long bytes, Duration wait) {
        if (bytes < CHUNK_BYTES) {
            throw new IllegalArgumentException("a request budget below one chunk: " + bytes);
        }
        this.bytes = bytes;
        this.chunks = new Semaphore(Math.toIntExact(bytes / CHUNK_BYTES));
        this.waitNanos = wait.toNanos();
    }

    long bytes() {
        return bytes;
    }

    /** A new chunk charged to the budget, or null when none came free within the wait. */
    byte[] takeChunk() throws InterruptedException {
        return chunks.tryAcquire(waitNanos, TimeUnit.NANOSECONDS) ? new byte[CHUNK_BYTES] : null;
    }

    /** Gives back count chunks whose arrays are no longer referenced. */
    void giveBack(int count) {
        if (count > 0) {
            chunks.release(count);
        }
    }

    /** How many chunks are free now (for tests and logs). */
    int freeChunks() {
        return chunks.availablePermits();
    }
}
