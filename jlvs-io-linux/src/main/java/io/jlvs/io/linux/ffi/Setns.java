package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Entering a namespace: {@code int setns(int fd, int nstype)} of &lt;sched.h&gt;, and the
 * {@code int open(const char *path, int flags)} of &lt;fcntl.h&gt; that gives it the namespace's
 * file (bound without open's optional mode, which only O_CREAT reads); both return -1 with errno.
 * Each binding takes a call-state segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class Setns {
    /** CLONE_NEWNET: the namespace is a network namespace. */
    public static final int CLONE_NEWNET = 0x40000000;
    /** O_RDONLY. */
    public static final int O_RDONLY = 0;
    /** O_CLOEXEC. */
    public static final int O_CLOEXEC = 0x80000;

    private static final MethodHandle SETNS = Libc.downcallCapturingErrno("setns",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_INT));
    private static final MethodHandle OPEN = Libc.downcallCapturingErrno("open",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_POINTER, Libc.C_INT));

    private Setns() {
    }

    public static int setns(MemorySegment callState, int fd, int nstype) {
        try {
            return (int) SETNS.invokeExact(callState, fd, nstype);
        } catch (Throwable e) {
            throw new AssertionError("setns's binding threw", e);
        }
    }

    public static int open(MemorySegment callState, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(callState, path, flags);
        } catch (Throwable e) {
            throw new AssertionError("open's binding threw", e);
        }
    }
}
