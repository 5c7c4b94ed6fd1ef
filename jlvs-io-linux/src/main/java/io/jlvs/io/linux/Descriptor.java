package io.jlvs.io.linux;

import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.SocketCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A descriptor this process opened, with the call-state segment its calls save errno into, so that
 * a call on the data path allocates nothing; closed once. Its calls are for one thread at a time.
 */
public final class Descriptor implements AutoCloseable {
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment callState = Errno.allocateState(arena);
    private boolean closed;

    private Descriptor(int fd) {
        this.fd = fd;
    }

    /** Takes ownership of fd (closing it is now this object's job). */
    public static Descriptor adopt(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a descriptor: " + fd);
        }
        return new Descriptor(fd);
    }

    /** The descriptor's number. */
    public int fd() {
        return fd;
    }

    /** Where the calls on this descriptor save errno. */
    public MemorySegment callState() {
        return callState;
    }

    /** The errno of the last failed call on this descriptor. */
    public int errno() {
        return Errno.get(callState);
    }

    /** The failure of the last call on this descriptor, described as call. */
    public SystemCallException failure(String call) {
        return new SystemCallException(call, errno());
    }

    /** Closes the descriptor (the second call does nothing). */
    @Override
    public void close() throws SystemCallException {
        if (closed) {
            return;
        }
        closed = true;
        int result = SocketCalls.close(callState, fd);
        int errno = errno();
        arena.close();
        if (result != 0) {
            throw new SystemCallException("close(" + fd + ")", errno);
        }
    }
}
