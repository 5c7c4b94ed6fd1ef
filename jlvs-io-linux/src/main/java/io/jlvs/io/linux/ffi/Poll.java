package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * poll(2) of &lt;poll.h&gt;: {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}, returning
 * the number of ready descriptors, 0 on timeout, or -1 with errno. {@code struct pollfd}:
 *
 * <pre>
 *  0                               4               6               8
 *  +-------------------------------+---------------+---------------+
 *  | int fd                        | short events  | short revents |
 *  +-------------------------------+---------------+---------------+
 * </pre>
 *
 * The binding takes a call-state segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class Poll {
    /** POLLIN: there is data to read. */
    public static final short POLLIN = 0x1;
    /** sizeof(struct pollfd). */
    public static final long POLLFD_SIZE = 8;
    private static final long FD_OFFSET = 0;
    private static final long EVENTS_OFFSET = 4;
    private static final long REVENTS_OFFSET = 6;

    private static final MethodHandle POLL = Libc.downcallCapturingErrno("poll",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_POINTER, Libc.C_LONG, Libc.C_INT));

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
}
