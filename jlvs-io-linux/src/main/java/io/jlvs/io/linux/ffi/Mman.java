package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * mmap(2) and munmap(2) of &lt;sys/mman.h&gt;:
 * {@code void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)} (MAP_FAILED,
 * (void *) -1, with errno on failure) and {@code int munmap(void *addr, size_t len)}.
 */
public final class Mman {
    /** PROT_READ. */
    public static final int PROT_READ = 1;
    /** PROT_WRITE. */
    public static final int PROT_WRITE = 2;
    /** MAP_SHARED: the kernel and the process see the same pages (a packet ring). */
    public static final int MAP_SHARED = 1;
    /** MAP_POPULATE: fault every page in now, not on the first frame. */
    public static final int MAP_POPULATE = 0x8000;
    /** MAP_FAILED's address. */
    public static final long MAP_FAILED = -1L;

    private static final MethodHandle MMAP = Libc.downcallCapturingErrno("mmap",
            FunctionDescriptor.of(Libc.C_POINTER, Libc.C_POINTER, Libc.C_LONG, Libc.C_INT, Libc.C_INT, Libc.C_INT,
                    Libc.C_LONG));
    private static final MethodHandle MUNMAP = Libc.downcallCapturingErrno("munmap",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_POINTER, Libc.C_LONG));

    private Mman() {
    }

    /** Returns a zero-length segment at the mapping's address (or at MAP_FAILED); reinterpret it to use it. */
    public static MemorySegment mmap(MemorySegment callState, MemorySegment address, long length, int prot, int flags,
            int fd, long offset) {
        try {
            return (MemorySegment) MMAP.invokeExact(callState, address, length, prot, flags, fd, offset);
        } catch (Throwable e) {
            throw new AssertionError("mmap's binding threw", e);
        }
    }

    public static int munmap(MemorySegment callState, MemorySegment address, long length) {
        try {
            return (int) MUNMAP.invokeExact(callState, address, length);
        } catch (Throwable e) {
            throw new AssertionError("munmap's binding threw", e);
        }
    }
}
