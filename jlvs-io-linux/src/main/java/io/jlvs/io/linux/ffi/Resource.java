package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * getrlimit(2) and setrlimit(2) of &lt;sys/resource.h&gt;:
 * {@code int getrlimit(int resource, struct rlimit *rlim)} and
 * {@code int setrlimit(int resource, const struct rlimit *rlim)}, each returning 0 or -1 with errno.
 * Each binding takes a call-state segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class Resource {
    /** RLIMIT_NOFILE: one more than the highest descriptor number the process may open (asm-generic). */
    public static final int RLIMIT_NOFILE = 7;

    private static final FunctionDescriptor RLIMIT_CALL = FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_POINTER);
    private static final MethodHandle GETRLIMIT = Libc.downcallCapturingErrno("getrlimit", RLIMIT_CALL);
    private static final MethodHandle SETRLIMIT = Libc.downcallCapturingErrno("setrlimit", RLIMIT_CALL);

    private Resource() {
    }

    public static int getrlimit(MemorySegment callState, int resource, MemorySegment rlim) {
        try {
            return (int) GETRLIMIT.invokeExact(callState, resource, rlim);
        } catch (Throwable e) {
            throw new AssertionError("getrlimit's binding threw", e);
        }
    }

    public static int setrlimit(MemorySegment callState, int resource, MemorySegment rlim) {
        try {
            return (int) SETRLIMIT.invokeExact(callState, resource, rlim);
        } catch (Throwable e) {
            throw new AssertionError("setrlimit's binding threw", e);
        }
    }
}
