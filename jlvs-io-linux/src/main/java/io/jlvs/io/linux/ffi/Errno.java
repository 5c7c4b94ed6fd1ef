package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** errno as captured after a call, and strerror(3) to name it. */
public final class Errno {
    private static final VarHandle ERRNO = Libc.CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = Libc.downcall("strerror",
            FunctionDescriptor.of(Libc.C_POINTER, Libc.C_INT));
    /** strerror's messages are short; glibc's longest is under 60 bytes. */
    private static final long MESSAGE_LIMIT = 256;

    /** EINVAL: an argument is out of range. */
    public static final int EINVAL = 22;
    /** EPERM: the operation needs a privilege the process lacks. */
    public static final int EPERM = 1;
    /** EAGAIN: nothing can be done now without waiting (a full socket buffer). */
    public static final int EAGAIN = 11;
    /** EACCES: permission denied. */
    public static final int EACCES = 13;
    /** ENODEV: no such device (an interface name nothing has). */
    public static final int ENODEV = 19;
    /** ENOPROTOOPT: the kernel does not know the socket option. */
    public static final int ENOPROTOOPT = 92;
    /** EAFNOSUPPORT: the kernel lacks the address family. */
    public static final int EAFNOSUPPORT = 97;
    /** EINTR: a signal interrupted the call before it did anything; calling again is right. */
    public static final int EINTR = 4;

    private Errno() {
    }

    /** A call-state segment for one call (see {@link Libc#downcallCapturingErrno}). */
    public static MemorySegment allocateState(Arena arena) {
        return arena.allocate(Libc.CALL_STATE);
    }

    /** The errno the call saved in the state. */
    public static int get(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** strerror(errno): the C library's text for an error number. */
    public static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            if (text.equals(MemorySegment.NULL)) {
                return "errno " + errno;
            }
            return text.reinterpret(MESSAGE_LIMIT).getString(0);
        } catch (Throwable e) {
            throw new AssertionError("strerror cannot fail", e);
        }
    }
}
