package io.jlvs.io.linux.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The calls of &lt;sys/socket.h&gt; that raw IP sockets need, with the constants of
 * &lt;netinet/in.h&gt;: {@code int socket(int domain, int type, int protocol)},
 * {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t length)},
 * {@code ssize_t recv(int fd, void *buf, size_t length, int flags)} and
 * {@code ssize_t sendto(int fd, const void *buf, size_t length, int flags, const struct sockaddr *to,
 * socklen_t tolength)}, each returning -1 with errno on failure. Each binding takes a call-state
 * segment first (see {@link Libc#downcallCapturingErrno}).
 */
public final class IpSockets {
    /** AF_INET: IPv4. */
    public static final int AF_INET = 2;
    /** AF_INET6: IPv6. */
    public static final int AF_INET6 = 10;
    /** SOCK_RAW: whole IP packets of one protocol. */
    public static final int SOCK_RAW = 3;
    /** SOCK_CLOEXEC: not inherited by programs this process runs (asm-generic). */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** IPPROTO_IP: the socket option level of IPv4. */
    public static final int IPPROTO_IP = 0;
    /** IPPROTO_IPIP: IPv4 in IP (protocol 4). */
    public static final int IPPROTO_IPIP = 4;
    /** IPPROTO_IPV6: IPv6 in IP (protocol 41). */
    public static final int IPPROTO_IPV6 = 41;
    /** IP_HDRINCL: the packets sent carry their own IPv4 header. */
    public static final int IP_HDRINCL = 3;
    /** SOL_SOCKET: the socket option level of the socket itself. */
    public static final int SOL_SOCKET = 1;
    /** SO_RCVBUF: the receive buffer's size. */
    public static final int SO_RCVBUF = 8;
    /** SO_RCVBUFFORCE: the receive buffer's size past net.core.rmem_max (CAP_NET_ADMIN). */
    public static final int SO_RCVBUFFORCE = 33;

    private static final MethodHandle SOCKET = Libc.downcallCapturingErrno("socket",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_INT));
    private static final MethodHandle SETSOCKOPT = Libc.downcallCapturingErrno("setsockopt",
            FunctionDescriptor.of(Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_INT, Libc.C_POINTER, Libc.C_INT));
    private static final MethodHandle RECV = Libc.downcallCapturingErrno("recv",
            FunctionDescriptor.of(Libc.C_LONG, Libc.C_INT, Libc.C_POINTER, Libc.C_LONG, Libc.C_INT));
    private static final MethodHandle SENDTO = Libc.downcallCapturingErrno("sendto",
            FunctionDescriptor.of(Libc.C_LONG, Libc.C_INT, Libc.C_POINTER, Libc.C_LONG, Libc.C_INT, Libc.C_POINTER,
                    Libc.C_INT));

    private IpSockets() {
    }

    public static int socket(MemorySegment callState, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState, domain, type, protocol);
        } catch (Throwable e) {
            throw new AssertionError("socket's binding threw", e);
        }
    }

    public static int setsockopt(MemorySegment callState, int fd, int level, int name, MemorySegment value,
            int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(callState, fd, level, name, value, length);
        } catch (Throwable e) {
            throw new AssertionError("setsockopt's binding threw", e);
        }
    }

    public static long recv(MemorySegment callState, int fd, MemorySegment buf, long length, int flags) {
        try {
            return (long) RECV.invokeExact(callState, fd, buf, length, flags);
        } catch (Throwable e) {
            throw new AssertionError("recv's binding threw", e);
        }
    }

    public static long sendto(MemorySegment callState, int fd, MemorySegment buf, long length, int flags,
            MemorySegment to, int toLength) {
        try {
            return (long) SENDTO.invokeExact(callState, fd, buf, length, flags, to, toLength);
        } catch (Throwable e) {
            throw new AssertionError("sendto's binding threw", e);
        }
    }
}
