package io.jlvs.testkit;

import java.lang.reflect.Method;

/**
 * Bytes the current thread has allocated, from HotSpot's ThreadMXBean, for tests that prove a hot
 * path allocates nothing (read before and after a warm loop). Reached reflectively: test code
 * compiled inside a module that does not read java.management can still call it.
 */
public final class ThreadAllocation {
    private static final Object THREADS;
    private static final Method ALLOCATED_BYTES;

    static {
        Object threads = null;
        Method allocated = null;
        try {
            threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
            if (hotspot.isInstance(threads)) {
                allocated = hotspot.getMethod("getThreadAllocatedBytes", long.class);
            }
        } catch (ReflectiveOperationException e) {
            allocated = null;
        }
        THREADS = threads;
        ALLOCATED_BYTES = allocated;
    }

    private ThreadAllocation() {
    }

    /** True when the JVM counts allocation per thread (HotSpot does). */
    public static boolean isSupported() {
        return ALLOCATED_BYTES != null;
    }

    /** The bytes the current thread has allocated so far (a reading costs a few bytes itself). */
    public static long allocatedBytes() {
        if (ALLOCATED_BYTES == null) {
            throw new IllegalStateException("this JVM does not count allocation per thread (no com.sun.management.ThreadMXBean)");
        }
        try {
            return (Long) ALLOCATED_BYTES.invoke(THREADS, Thread.currentThread().threadId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading the thread's allocated bytes failed", e);
        }
    }
}
