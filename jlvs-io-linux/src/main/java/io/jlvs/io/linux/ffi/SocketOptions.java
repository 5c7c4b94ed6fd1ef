package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * getsockopt(2) of &lt;sys/socket.h&gt;, reading an option back:
 * {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)}, 0 or -1 with
 * errno. Takes a call-state segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class SocketOptions {
    /** SO_ERROR (level SOL_SOCKET): the pending error, cleared by reading it. */
    public static final int SO_ERROR = 4;

    private static final MethodHandle GETSOCKOPT = Libc.downcallCapturingErrno("getsockopt",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_POINTER, Libc.C_POINTER));

    private SocketOptions() {
    }

    public static int getsockopt(MemorySegment callState, int fd, int level, int name, MemorySegment value,
            MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(callState, fd, level, name, value, length);
        } catch (Throwable e) {
            throw new AssertionError("getsockopt's binding threw", e);
        }
    }
}
