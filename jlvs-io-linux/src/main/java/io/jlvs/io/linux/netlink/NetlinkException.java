package io.jlvs.io.linux.netlink;

import io.jlvs.io.linux.ffi.Errno;

import java.io.IOException;

/**
 * The kernel refused a netlink request, or the socket failed: the message is the operation in
 * words and the C library's text for errno ("cannot add 10.0.0.100/32 to lo: File exists"); the
 * kernel's own explanation, when it gave one, is {@link #kernelMessage()}.
 */
public final class NetlinkException extends IOException {
    private final int errno;
    private final String kernelMessage;

    NetlinkException(String operation, int errno, String kernelMessage) {
        super(operation + ": " + Errno.describe(errno));
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /** The kernel's extended acknowledgement text ("ipv4: Address already assigned"), or null. */
    public String kernelMessage() {
        return kernelMessage;
    }

    /** The error number. */
    public int errno() {
        return errno;
    }
}
