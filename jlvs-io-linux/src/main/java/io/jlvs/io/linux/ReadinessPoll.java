package io.jlvs.io.linux;

import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.Poll;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * poll(2) over a fixed set of descriptors, waiting until one has data to read; each wait allocates
 * nothing. One thread at a time.
 */
public final class ReadinessPoll implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment fds;
    private final MemorySegment callState = Errno.allocateState(arena);
    private final int count;

    /** Polls these descriptors (the poll set does not own them). */
    public ReadinessPoll(int... descriptors) {
        count = descriptors.length;
        fds = Poll.allocatePollfds(arena, Math.max(1, count));
        for (int i = 0; i < count; i++) {
            Poll.set(fds, i, descriptors[i], Poll.POLLIN);
        }
    }

    /**
     * Waits up to timeoutMillis (-1: without limit) until a descriptor has data to read.
     *
     * @return how many have, 0 on timeout
     */
    public int await(int timeoutMillis) throws SystemCallException {
        while (true) {
            int ready = Poll.poll(callState, fds, count, timeoutMillis);
            if (ready >= 0) {
                return ready;
            }
            int errno = Errno.get(callState);
            if (errno != Errno.EINTR) {
                throw new SystemCallException("poll(" + count + " descriptors)", errno);
            }
        }
    }

    /** Whether descriptor i (in the constructor's order) had data to read at the last wait. */
    public boolean readable(int i) {
        return (Poll.revents(fds, i) & Poll.POLLIN) != 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}
