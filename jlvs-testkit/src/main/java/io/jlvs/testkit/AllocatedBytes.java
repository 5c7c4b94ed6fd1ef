package io.jlvs.testkit;

import java.lang.management.ManagementFactory;

/**
 * How many bytes the current thread has allocated so far (HotSpot's per-thread counter), for tests
 * that hold a hot path to zero allocation: read before and after, compare the difference.
 */
public final class AllocatedBytes {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {
    }

    /** The bytes this thread has allocated since it started. */
    public static long ofCurrentThread() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }
}
