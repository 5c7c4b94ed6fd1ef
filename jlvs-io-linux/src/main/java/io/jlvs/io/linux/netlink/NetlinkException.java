package io.jlvs.io.linux.netlink;

import io.jlvs.io.linux.ffi.Errno;

import java.io.IOException;

/**
 * The kernel refused a netlink request, or the socket failed: the operation in words ("cannot add
 * 10.0.0.100/32 to lo"), the C library's text for errno and, when the kernel gave one, its own
 * explanation in parentheses.
 */
public final class NetlinkException extends IOException {
    private final int errno;

    NetlinkException(String operation, int errno, String kernelMessage) {
        super(operation + ": " + Errno.describe(errno) + (kernelMessage == null ? "" : " (" + kernelMessage + ")"));
        this.errno = errno;
    }

    /** The error number. */
    public int errno() {
        return errno;
    }
}
