package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * read(2) and write(2) of &lt;unistd.h&gt;: {@code ssize_t read(int fd, void *buf, size_t count)} and
 * {@code ssize_t write(int fd, const void *buf, size_t count)}, each returning -1 with errno on
 * failure (close is {@link SocketCalls#close}). Each binding takes a call-state segment first (see
 * {@link Libc#downcallCapturingErrno}).
 */
public final class Unistd {
    private static final FunctionDescriptor TRANSFER = FunctionDescriptor.of(Libc.C_LONG, Libc.C_INT, Libc.C_POINTER,
            Libc.C_LONG);
    private static final MethodHandle READ = Libc.downcallCapturingErrno("read", TRANSFER);
    private static final MethodHandle WRITE = Libc.downcallCapturingErrno("write", TRANSFER);

    private Unistd() {
    }

    public static long read(MemorySegment callState, int fd, MemorySegment buf, long count) {
        try {
            return (long) READ.invokeExact(callState, fd, buf, count);
        } catch (Throwable e) {
            throw new AssertionError("read's binding threw", e);
        }
    }

    public static long write(MemorySegment callState, int fd, MemorySegment buf, long count) {
        try {
            return (long) WRITE.invokeExact(callState, fd, buf, count);
        } catch (Throwable e) {
            throw new AssertionError("write's binding threw", e);
        }
    }
}
