package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * poll(2) and ppoll(2) of &lt;poll.h&gt;: {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}
 * and {@code int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *mask)}
 * (a timeout in nanoseconds), each returning the number of ready descriptors, 0 on timeout, or -1
 * with errno. {@code struct pollfd} and {@code struct timespec}:
 *
 * <pre>
 *  0                               4               6               8
 *  +-------------------------------+---------------+---------------+
 *  | int fd                        | short events  | short revents |
 *  +-------------------------------+---------------+---------------+
 *  0                               8                               16
 *  +-------------------------------+-------------------------------+
 *  | long tv_sec                   | long tv_nsec                  |
 *  +-------------------------------+-------------------------------+
 * </pre>
 *
 * The bindings take a call-state segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class Poll {
    /** POLLIN: there is data to read. */
    public static final short POLLIN = 0x1;
    /** POLLERR: an error is pending on the descriptor (reported whatever the events asked). */
    public static final short POLLERR = 0x8;
    /** sizeof(struct pollfd). */
    public static final long POLLFD_SIZE = 8;
    /** Offset of pollfd.revents: the events that happened. */
    public static final long REVENTS_OFFSET = 6;
    private static final long FD_OFFSET = 0;
    private static final long EVENTS_OFFSET = 4;

    /** struct timespec. */
    public static final GroupLayout TIMESPEC = MemoryLayout.structLayout(
            Libc.C_LONG.withName("tv_sec"), Libc.C_LONG.withName("tv_nsec")).withName("timespec");
    /** Offset of timespec.tv_sec. */
    public static final long TV_SEC_OFFSET = 0;
    /** Offset of timespec.tv_nsec. */
    public static final long TV_NSEC_OFFSET = 8;

    private static final MethodHandle POLL = Libc.downcallCapturingErrno("poll",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_POINTER, Libc.C_LONG, Libc.C_INT));
    private static final MethodHandle PPOLL = Libc.downcallCapturingErrno("ppoll",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_POINTER, Libc.C_LONG, Libc.C_POINTER, Libc.C_POINTER));

    private Poll() {
    }

    /** One pollfd waiting for the events on the descriptor. */
    public static MemorySegment allocatePollfd(Arena arena, int fd, short events) {
        MemorySegment pollfd = arena.allocate(POLLFD_SIZE, Integer.BYTES);
        pollfd.set(ValueLayout.JAVA_INT, FD_OFFSET, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, EVENTS_OFFSET, events);
        return pollfd;
    }

    /** An array of count zeroed pollfd structs, to fill with {@link #set}. */
    public static MemorySegment allocatePollfds(Arena arena, int count) {
        return arena.allocate(POLLFD_SIZE * count, Integer.BYTES);
    }

    /** Sets pollfd i of an array to wait for the events on the descriptor. */
    public static void set(MemorySegment pollfds, int i, int fd, short events) {
        pollfds.set(ValueLayout.JAVA_INT, i * POLLFD_SIZE + FD_OFFSET, fd);
        pollfds.set(ValueLayout.JAVA_SHORT, i * POLLFD_SIZE + EVENTS_OFFSET, events);
    }

    /** The events that occurred on pollfd i of an array at the last call. */
    public static short revents(MemorySegment pollfds, int i) {
        return pollfds.get(ValueLayout.JAVA_SHORT, i * POLLFD_SIZE + REVENTS_OFFSET);
    }

    public static int poll(MemorySegment callState, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(callState, fds, count, timeoutMillis);
        } catch (Throwable e) {
            throw new AssertionError("poll's binding threw", e);
        }
    }

    public static int ppoll(MemorySegment callState, MemorySegment fds, long count, MemorySegment timeout,
            MemorySegment signalMask) {
        try {
            return (int) PPOLL.invokeExact(callState, fds, count, timeout, signalMask);
        } catch (Throwable e) {
            throw new AssertionError("ppoll's binding threw", e);
        }
    }
}
