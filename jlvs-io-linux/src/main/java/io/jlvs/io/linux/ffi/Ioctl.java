package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * ioctl(2) of &lt;sys/ioctl.h&gt; with a pointer argument:
 * {@code int ioctl(int fd, unsigned long request, ...)}, the pointer bound as the first variadic
 * argument, returning 0 (or a request's value) or -1 with errno. The binding takes a call-state
 * segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class Ioctl {
    private static final MethodHandle IOCTL = Linker.nativeLinker().downcallHandle(Libc.symbol("ioctl"),
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_LONG, Libc.C_POINTER),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));

    private Ioctl() {
    }

    public static int ioctl(MemorySegment callState, int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(callState, fd, request, argument);
        } catch (Throwable e) {
            throw new AssertionError("ioctl's binding threw", e);
        }
    }
}
