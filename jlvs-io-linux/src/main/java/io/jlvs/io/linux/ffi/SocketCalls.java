package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The socket calls of &lt;sys/socket.h&gt; and &lt;unistd.h&gt; a datagram-like socket needs:
 * {@code int socket(int domain, int type, int protocol)},
 * {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)},
 * {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)},
 * {@code ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)},
 * {@code ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)} and
 * {@code int close(int fd)}, each returning -1 with errno on failure. Each binding takes a
 * call-state segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class SocketCalls {
    /** AF_NETLINK: kernel-user messaging. */
    public static final int AF_NETLINK = 16;
    /** SOCK_RAW. */
    public static final int SOCK_RAW = 3;
    /** SOCK_CLOEXEC: closed across exec, so a child process never inherits the socket. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** SOL_SOCKET: options of the socket layer. */
    public static final int SOL_SOCKET = 1;
    /** SO_RCVBUF. */
    public static final int SO_RCVBUF = 8;

    private static final MethodHandle SOCKET = Libc.downcallCapturingErrno("socket",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_INT));
    private static final MethodHandle BIND = Libc.downcallCapturingErrno("bind",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_POINTER, Libc.C_INT));
    private static final MethodHandle SETSOCKOPT = Libc.downcallCapturingErrno("setsockopt",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_POINTER, Libc.C_INT));
    private static final MethodHandle SENDTO = Libc.downcallCapturingErrno("sendto",
            FunctionDescriptor.of(Libc.C_LONG, Libc.C_INT, Libc.C_POINTER, Libc.C_LONG, Libc.C_INT, Libc.C_POINTER,
                    Libc.C_INT));
    private static final MethodHandle RECVFROM = Libc.downcallCapturingErrno("recvfrom",
            FunctionDescriptor.of(Libc.C_LONG, Libc.C_INT, Libc.C_POINTER, Libc.C_LONG, Libc.C_INT, Libc.C_POINTER,
                    Libc.C_POINTER));
    private static final MethodHandle CLOSE = Libc.downcallCapturingErrno("close",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT));

    private SocketCalls() {
    }

    public static int socket(MemorySegment callState, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState, domain, type, protocol);
        } catch (Throwable e) {
            throw new AssertionError("socket's binding threw", e);
        }
    }

    public static int bind(MemorySegment callState, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(callState, fd, address, length);
        } catch (Throwable e) {
            throw new AssertionError("bind's binding threw", e);
        }
    }

    public static int setsockopt(MemorySegment callState, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(callState, fd, level, name, value, length);
        } catch (Throwable e) {
            throw new AssertionError("setsockopt's binding threw", e);
        }
    }

    public static long sendto(MemorySegment callState, int fd, MemorySegment buffer, long length, int flags,
            MemorySegment to, int toLength) {
        try {
            return (long) SENDTO.invokeExact(callState, fd, buffer, length, flags, to, toLength);
        } catch (Throwable e) {
            throw new AssertionError("sendto's binding threw", e);
        }
    }

    public static long recvfrom(MemorySegment callState, int fd, MemorySegment buffer, long length, int flags,
            MemorySegment from, MemorySegment fromLength) {
        try {
            return (long) RECVFROM.invokeExact(callState, fd, buffer, length, flags, from, fromLength);
        } catch (Throwable e) {
            throw new AssertionError("recvfrom's binding threw", e);
        }
    }

    public static int close(MemorySegment callState, int fd) {
        try {
            return (int) CLOSE.invokeExact(callState, fd);
        } catch (Throwable e) {
            throw new AssertionError("close's binding threw", e);
        }
    }
}
