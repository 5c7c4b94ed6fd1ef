package io.jlvs.io.linux.rawip;

import io.jlvs.io.linux.Descriptor;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.IpSockets;
import io.jlvs.io.linux.ffi.SockaddrIn;
import io.jlvs.io.linux.ffi.SocketCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;

/**
 * A raw IP socket of one protocol (socket(AF_INET or AF_INET6, SOCK_RAW, protocol)): it receives a
 * copy of every packet of that protocol addressed to this host, the IPv4 header included on
 * AF_INET and without the IPv6 header on AF_INET6 (so IPPROTO_IPIP on AF_INET gets whole IPIP
 * packets, outer header first); sending without IP_HDRINCL, the kernel puts the IP header in front
 * of the payload given. Needs CAP_NET_RAW. Receiving allocates nothing; one thread at a time.
 */
public final class RawIpSocket implements AutoCloseable {
    /** The family a socket is opened in. */
    public enum Family {
        /** AF_INET. */
        IPV4(IpSockets.AF_INET),
        /** AF_INET6. */
        IPV6(IpSockets.AF_INET6);

        final int domain;

        Family(int domain) {
            this.domain = domain;
        }
    }

    /** IP protocol 4: IPv4 in IP (IPIP). */
    public static final int IPIP = IpSockets.IPPROTO_IPIP;
    /** IP protocol 41: IPv6 in IP. */
    public static final int IPV6_IN_IP = IpSockets.IPPROTO_IPV6;

    private final Descriptor descriptor;
    private final String description;

    private RawIpSocket(Descriptor descriptor, String description) {
        this.descriptor = descriptor;
        this.description = description;
    }

    /** Opens a raw socket for IP protocol number protocol ({@link #IPIP}, {@link #IPV6_IN_IP}, ...). */
    public static RawIpSocket open(Family family, int protocol) throws SystemCallException {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("an IP protocol number is 0 to 255, not " + protocol);
        }
        LinuxNative.ensureAvailability();
        String description = "raw " + family + " socket of protocol " + protocol;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(arena);
            int fd = SocketCalls.socket(state, family.domain, SocketCalls.SOCK_RAW | SocketCalls.SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw new SystemCallException("socket(" + description + ")", Errno.get(state));
            }
            return new RawIpSocket(Descriptor.adopt(fd), description);
        }
    }

    /**
     * Sets the receive buffer's size: SO_RCVBUFFORCE, past net.core.rmem_max, with CAP_NET_ADMIN;
     * else SO_RCVBUF, which the kernel caps at rmem_max. (The kernel doubles either, for its
     * bookkeeping.)
     */
    public void receiveBufferSize(int bytes) throws SystemCallException {
        try {
            setIntOption(SocketCalls.SOL_SOCKET, IpSockets.SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE");
        } catch (SystemCallException e) {
            if (e.errno() != Errno.EPERM) {
                throw e;
            }
            setIntOption(SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /** IP_HDRINCL on an AF_INET socket: each packet sent is whole, its IPv4 header included. */
    public void headerIncluded(boolean included) throws SystemCallException {
        setIntOption(IpSockets.IPPROTO_IP, IpSockets.IP_HDRINCL, included ? 1 : 0, "IP_HDRINCL");
    }

    private void setIntOption(int level, int name, int value, String what) throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment option = arena.allocateFrom(ValueLayout.JAVA_INT, value);
            if (SocketCalls.setsockopt(descriptor.callState(), descriptor.fd(), level, name, option, Integer.BYTES) != 0) {
                throw descriptor.failure("setsockopt(" + description + ", " + what + ", " + value + ")");
            }
        }
    }

    /**
     * Waits for a packet and copies it to the start of buffer (truncated to the buffer's size).
     *
     * @return its length as copied
     */
    public int receive(MemorySegment buffer) throws SystemCallException {
        while (true) {
            long received = SocketCalls.recvfrom(descriptor.callState(), descriptor.fd(), buffer, buffer.byteSize(), 0,
                    MemorySegment.NULL, MemorySegment.NULL);
            if (received >= 0) {
                return (int) received;
            }
            if (descriptor.errno() != Errno.EINTR) {
                throw descriptor.failure("recv(" + description + ")");
            }
        }
    }

    /** Sends buffer[offset, offset + length) to destination (the kernel adds the header unless IP_HDRINCL). */
    public void send(MemorySegment buffer, long offset, int length, InetAddress destination) throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment to = SockaddrIn.of(arena, destination.getAddress());
            long sent = SocketCalls.sendto(descriptor.callState(), descriptor.fd(), buffer.asSlice(offset, length), length,
                    0, to, (int) to.byteSize());
            if (sent < 0) {
                throw descriptor.failure("sendto(" + description + ", " + destination.getHostAddress() + ")");
            }
        }
    }

    /** The descriptor, for poll(2). */
    public int fd() {
        return descriptor.fd();
    }

    @Override
    public void close() throws SystemCallException {
        descriptor.close();
    }
}
