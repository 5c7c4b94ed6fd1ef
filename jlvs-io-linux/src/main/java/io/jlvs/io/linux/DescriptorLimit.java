package io.jlvs.io.linux;

import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.Resource;
import io.jlvs.io.linux.ffi.Rlimit;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The process's RLIMIT_NOFILE: the soft limit (one more than the highest descriptor number it may
 * open; past it, open, socket and accept fail with EMFILE) and the hard limit, the soft limit's
 * ceiling, which only a privileged process may raise. {@link #UNLIMITED} stands for RLIM_INFINITY.
 *
 * @param soft the limit in force
 * @param hard how far the process may raise it
 */
public record DescriptorLimit(long soft, long hard) {
    /** RLIM_INFINITY. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** The process's limit now. */
    public static DescriptorLimit current() throws SystemCallException {
        LinuxNative.ensureAvailability();
        return read();
    }

    /** getrlimit without the availability check: the probe itself calls it. */
    static DescriptorLimit read() throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(arena);
            MemorySegment limit = Rlimit.allocate(arena);
            if (Resource.getrlimit(state, Resource.RLIMIT_NOFILE, limit) != 0) {
                throw new SystemCallException("getrlimit(RLIMIT_NOFILE)", Errno.get(state));
            }
            return new DescriptorLimit(fromC(Rlimit.rlim_cur(limit)), fromC(Rlimit.rlim_max(limit)));
        }
    }

    /**
     * Sets the soft limit, keeping the hard one; a soft limit above the hard one fails with EINVAL
     * and changes nothing.
     *
     * @return the limit now in force
     */
    public static DescriptorLimit setSoft(long soft) throws SystemCallException {
        if (soft < 0) {
            throw new IllegalArgumentException("a descriptor limit cannot be negative: " + soft);
        }
        DescriptorLimit now = current();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(arena);
            MemorySegment limit = Rlimit.allocate(arena);
            Rlimit.rlim_cur(limit, toC(soft));
            Rlimit.rlim_max(limit, toC(now.hard));
            if (Resource.setrlimit(state, Resource.RLIMIT_NOFILE, limit) != 0) {
                throw new SystemCallException("setrlimit(RLIMIT_NOFILE, soft " + describe(soft) + ", hard "
                        + describe(now.hard) + ")", Errno.get(state));
            }
        }
        return current();
    }

    /** Raises the soft limit to the hard one (what a server that holds many sockets does at start). */
    public static DescriptorLimit raiseSoftToHard() throws SystemCallException {
        DescriptorLimit now = current();
        return now.soft == now.hard ? now : setSoft(now.hard);
    }

    /** Whether there is no soft limit. */
    public boolean unlimited() {
        return soft == UNLIMITED;
    }

    private static long fromC(long rlim) {
        return rlim == Rlimit.RLIM_INFINITY ? UNLIMITED : rlim;
    }

    private static long toC(long limit) {
        return limit == UNLIMITED ? Rlimit.RLIM_INFINITY : limit;
    }

    private static String describe(long limit) {
        return limit == UNLIMITED ? "unlimited" : Long.toString(limit);
    }
}
