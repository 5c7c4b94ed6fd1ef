package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * open(2) of &lt;fcntl.h&gt;: {@code int open(const char *pathname, int flags, ...)}, bound with its
 * mode as the first variadic argument, returning a descriptor or -1 with errno. The binding takes
 * a call-state segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class Fcntl {
    /** O_RDWR: open for reading and writing. */
    public static final int O_RDWR = 2;
    /** O_CLOEXEC: the descriptor is not inherited by programs this process runs (asm-generic). */
    public static final int O_CLOEXEC = 0x80000;

    private static final MethodHandle OPEN = Linker.nativeLinker().downcallHandle(Libc.symbol("open"),
            FunctionDescriptor.of(Libc.C_INT, Libc.C_POINTER, Libc.C_INT, Libc.C_INT),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));

    private Fcntl() {
    }

    public static int open(MemorySegment callState, MemorySegment pathname, int flags, int mode) {
        try {
            return (int) OPEN.invokeExact(callState, pathname, flags, mode);
        } catch (Throwable e) {
            throw new AssertionError("open's binding threw", e);
        }
    }
}
