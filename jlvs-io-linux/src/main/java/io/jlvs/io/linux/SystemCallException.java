package io.jlvs.io.linux;

import io.jlvs.io.linux.ffi.Errno;

import java.io.IOException;

/** A system call failed: the call as made, and errno with the C library's text for it. */
public final class SystemCallException extends IOException {
    private final int errno;

    public SystemCallException(String call, int errno) {
        super(call + ": " + Errno.describe(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** The error number the call left. */
    public int errno() {
        return errno;
    }
}
