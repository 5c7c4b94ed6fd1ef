package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * ioctl(2) of &lt;sys/ioctl.h&gt; with a pointer argument, as the interface requests of
 * &lt;linux/sockios.h&gt; take one (a struct ifreq, see {@link Ifreq}):
 * {@code int ioctl(int fd, unsigned long request, ...)}, -1 with errno on failure.
 */
public final class Ioctl {
    /** SIOCGIFINDEX: the interface's index into ifr_ifindex. */
    public static final long SIOCGIFINDEX = 0x8933;
    /** SIOCGIFMTU: the interface's MTU into ifr_mtu. */
    public static final long SIOCGIFMTU = 0x8921;
    /** SIOCGIFHWADDR: the interface's hardware address into ifr_hwaddr. */
    public static final long SIOCGIFHWADDR = 0x8927;

    /** ioctl is variadic: the pointer is its first variadic argument. */
    private static final MethodHandle IOCTL = Linker.nativeLinker().downcallHandle(Libc.symbol("ioctl"),
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_LONG, Libc.C_POINTER),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));

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
