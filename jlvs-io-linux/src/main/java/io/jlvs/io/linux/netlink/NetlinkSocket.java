package io.jlvs.io.linux.netlink;

import io.jlvs.io.linux.LinuxNative;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.Poll;
import io.jlvs.io.linux.ffi.SockaddrNl;
import io.jlvs.io.linux.ffi.SocketCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A netlink socket used synchronously: one request at a time, answered by an acknowledgement, one
 * reply or a dump, matched by sequence number and read before the next request. Its buffers live
 * in a shared arena, so the thread that opens it (perhaps inside a network namespace) need not be
 * the one that uses it; it is not for two threads at once.
 */
final class NetlinkSocket implements AutoCloseable {
    /** SOL_NETLINK: the level of netlink's own socket options. */
    private static final int SOL_NETLINK = 270;
    /** NETLINK_CAP_ACK: an error carries only the request's header, not the whole request. */
    private static final int NETLINK_CAP_ACK = 10;
    /** NETLINK_EXT_ACK: an error carries the kernel's text for it. */
    private static final int NETLINK_EXT_ACK = 11;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENOBUFS = 105;
    /** MSG_DONTWAIT: return EAGAIN rather than block. */
    private static final int MSG_DONTWAIT = 0x40;
    /** A dump that changed while read is read again, at most this many times. */
    private static final int DUMP_ATTEMPTS = 10;
    private static final int SEND_BUFFER = 4096;
    /** Larger than any one datagram of a dump (the kernel fills at most 32 KiB). */
    private static final int RECEIVE_BUFFER = 64 * 1024;

    /** Takes one notification (a message the kernel sent the subscribed groups) while it is in the buffer. */
    @FunctionalInterface
    interface NotificationHandler {
        void onNotification(int type, MemorySegment buffer, long payload, long end);
    }

    /** Reads the value of one message, or null to skip it. */
    @FunctionalInterface
    interface MessageReader<T> {
        T read(MemorySegment buffer, long payload, long end);
    }

    private final Arena arena;
    private final int fd;
    private final MemorySegment state;
    private final MemorySegment kernel;
    private final MemorySegment peer;
    private final MemorySegment peerLength;
    private final MemorySegment send;
    private final MemorySegment receive;
    private final MemorySegment pollfd;
    private int seq;
    private int received;
    private long overruns;

    private NetlinkSocket(Arena arena, int fd) {
        this.arena = arena;
        this.fd = fd;
        this.state = Errno.allocateState(arena);
        this.kernel = SockaddrNl.allocate(arena);
        SockaddrNl.nl_family(kernel, (short) SocketCalls.AF_NETLINK);
        this.peer = SockaddrNl.allocate(arena);
        this.peerLength = arena.allocate(ValueLayout.JAVA_INT);
        this.send = arena.allocate(SEND_BUFFER, 8);
        this.receive = arena.allocate(RECEIVE_BUFFER, 8);
        this.pollfd = Poll.allocatePollfd(arena, fd, Poll.POLLIN);
    }

    /**
     * A socket of the netlink protocol (NETLINK_ROUTE is 0), bound to a port the kernel picks and
     * to the multicast groups of the bitmask (bit n - 1 for group n; 0 for none).
     */
    static NetlinkSocket open(int protocol, int groups) throws NetlinkException {
        LinuxNative.ensureAvailability();
        Arena arena = Arena.ofShared();
        MemorySegment state = Errno.allocateState(arena);
        int fd = SocketCalls.socket(state, SocketCalls.AF_NETLINK, SocketCalls.SOCK_RAW | SocketCalls.SOCK_CLOEXEC,
                protocol);
        if (fd < 0) {
            arena.close();
            throw new NetlinkException("cannot open a netlink socket", Errno.get(state), null);
        }
        NetlinkSocket socket = new NetlinkSocket(arena, fd);
        try {
            socket.enable(NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
            socket.enable(NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
            MemorySegment local = SockaddrNl.allocate(arena);
            SockaddrNl.nl_family(local, (short) SocketCalls.AF_NETLINK);
            SockaddrNl.nl_groups(local, groups);
            if (SocketCalls.bind(socket.state, fd, local, SockaddrNl.size()) != 0) {
                throw new NetlinkException("cannot bind a netlink socket", Errno.get(socket.state), null);
            }
        } catch (NetlinkException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private void enable(int option, String name) throws NetlinkException {
        MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
        if (SocketCalls.setsockopt(state, fd, SOL_NETLINK, option, one, Integer.BYTES) != 0) {
            throw new NetlinkException("cannot set " + name + " on a netlink socket", Errno.get(state), null);
        }
    }

    /** Starts the next request in the send buffer. */
    NetlinkRequest request(int type, int flags, int fixedSize) {
        return new NetlinkRequest(send, type, NetlinkMessageHeader.NLM_F_REQUEST | flags, ++seq, fixedSize);
    }

    /** Sends a request made with NLM_F_ACK and waits for its acknowledgement. */
    void acknowledged(NetlinkRequest request, String operation) throws NetlinkException {
        transmit(request, operation);
        while (true) {
            int length = receive(operation);
            for (long offset = 0; offset + NetlinkMessageHeader.SIZE <= length; offset = next(offset)) {
                if (answers(offset) && NetlinkMessageHeader.type(receive, offset) == NetlinkMessageHeader.NLMSG_ERROR) {
                    checkError(offset, operation);
                    return;
                }
            }
        }
    }

    /** Sends a request that the kernel answers with one message, and reads that message. */
    <T> T reply(NetlinkRequest request, String operation, MessageReader<T> reader) throws NetlinkException {
        transmit(request, operation);
        while (true) {
            int length = receive(operation);
            for (long offset = 0; offset + NetlinkMessageHeader.SIZE <= length; offset = next(offset)) {
                if (!answers(offset)) {
                    continue;
                }
                int type = NetlinkMessageHeader.type(receive, offset);
                if (type == NetlinkMessageHeader.NLMSG_ERROR) {
                    checkError(offset, operation);
                } else if (type != NetlinkMessageHeader.NLMSG_NOOP) {
                    return reader.read(receive, offset + NetlinkMessageHeader.SIZE, end(offset));
                }
            }
        }
    }

    /** Sends a request made with NLM_F_DUMP and reads every message of the dump. */
    <T> List<T> dump(NetlinkRequest request, String operation, MessageReader<T> reader) throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            List<T> values = new ArrayList<>();
            boolean interrupted = false;
            transmit(request, operation);
            boolean done = false;
            while (!done) {
                int length = receive(operation);
                for (long offset = 0; offset + NetlinkMessageHeader.SIZE <= length && !done; offset = next(offset)) {
                    if (!answers(offset)) {
                        continue;
                    }
                    interrupted |= (NetlinkMessageHeader.flags(receive, offset) & NetlinkMessageHeader.NLM_F_DUMP_INTR) != 0;
                    switch (NetlinkMessageHeader.type(receive, offset)) {
                        case NetlinkMessageHeader.NLMSG_DONE -> done = true;
                        case NetlinkMessageHeader.NLMSG_ERROR -> checkError(offset, operation);
                        case NetlinkMessageHeader.NLMSG_NOOP -> { }
                        default -> {
                            T value = reader.read(receive, offset + NetlinkMessageHeader.SIZE, end(offset));
                            if (value != null) {
                                values.add(value);
                            }
                        }
                    }
                }
            }
            if (!interrupted) {
                return values;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new NetlinkException(operation + ": the table kept changing while it was read", EINTR, null);
            }
            request.renumber(++seq);
        }
    }

    /**
     * Waits up to the timeout for notifications and hands each one of the datagram that came to
     * the handler; returns how many, 0 when none came in time. Overrun (messages the kernel dropped
     * because the socket's buffer was full) throws with ENOBUFS.
     */
    int notifications(int timeoutMillis, NotificationHandler handler) throws NetlinkException {
        int ready;
        while ((ready = Poll.poll(state, pollfd, 1, timeoutMillis)) < 0) {
            int errno = Errno.get(state);
            if (errno != EINTR) {
                throw new NetlinkException("cannot wait for netlink notifications", errno, null);
            }
        }
        if (ready == 0) {
            return 0;
        }
        int count = 0;
        long length;
        while ((length = receiveFromKernel(MSG_DONTWAIT)) > 0) {
            count += dispatch((int) length, handler);
        }
        int errno = length < 0 ? Errno.get(state) : 0;
        if (errno != EAGAIN && errno != 0) {
            throw new NetlinkException("cannot receive netlink notifications", errno, null);
        }
        return count;
    }

    /**
     * Takes the datagrams already queued, without waiting, at most maxDatagrams of them, and hands
     * each notification to the handler; returns how many notifications. Allocates nothing, also on
     * failure: an overrun (ENOBUFS: the kernel dropped messages because the socket's buffer was full)
     * is counted in {@link #overruns()} and reading goes on; another error returns -errno.
     */
    int drain(int maxDatagrams, NotificationHandler handler) {
        int count = 0;
        for (int d = 0; d < maxDatagrams; d++) {
            long length = receiveFromKernel(MSG_DONTWAIT);
            if (length < 0) {
                int errno = Errno.get(state);
                if (errno == ENOBUFS) {
                    overruns++;
                    continue;
                }
                return errno == EAGAIN ? count : -errno;
            }
            count += dispatch((int) length, handler);
        }
        return count;
    }

    /** How often the kernel dropped messages for this socket because its buffer was full. */
    long overruns() {
        return overruns;
    }

    /** The descriptor, for a caller that waits on it with others. */
    int descriptor() {
        return fd;
    }

    /** Hands each notification of the datagram just received to the handler; returns how many. */
    private int dispatch(int length, NotificationHandler handler) {
        received = length;
        int count = 0;
        for (long offset = 0; offset + NetlinkMessageHeader.SIZE <= received; offset = next(offset)) {
            int type = NetlinkMessageHeader.type(receive, offset);
            if (type > NetlinkMessageHeader.NLMSG_DONE) {
                handler.onNotification(type, receive, offset + NetlinkMessageHeader.SIZE, end(offset));
                count++;
            }
        }
        return count;
    }

    /** recvfrom, again after EINTR, skipping datagrams not from the kernel: the length, or -1 with errno. */
    private long receiveFromKernel(int flags) {
        while (true) {
            peerLength.set(ValueLayout.JAVA_INT, 0, SockaddrNl.size());
            long length = SocketCalls.recvfrom(state, fd, receive, receive.byteSize(), flags, peer, peerLength);
            if (length < 0 && Errno.get(state) == EINTR) {
                continue;
            }
            if (length < 0 || SockaddrNl.nl_pid(peer) == 0) {
                return length;
            }
        }
    }

    private void transmit(NetlinkRequest request, String operation) throws NetlinkException {
        while (SocketCalls.sendto(state, fd, send, request.length(), 0, kernel, SockaddrNl.size()) < 0) {
            int errno = Errno.get(state);
            if (errno != EINTR) {
                throw new NetlinkException(operation + ": cannot send the request", errno, null);
            }
        }
    }

    /** Receives one datagram from the kernel (others are dropped) and returns its length. */
    private int receive(String operation) throws NetlinkException {
        long length = receiveFromKernel(0);
        if (length < 0) {
            throw new NetlinkException(operation + ": cannot receive the answer", Errno.get(state), null);
        }
        received = (int) length;
        return received;
    }

    private boolean answers(long offset) {
        return NetlinkMessageHeader.seq(receive, offset) == NetlinkMessageHeader.seq(send, 0);
    }

    private void checkError(long offset, String operation) throws NetlinkException {
        long payload = offset + NetlinkMessageHeader.SIZE;
        int errno = NetlinkErrorMessage.errno(receive, payload);
        if (errno == 0) {
            return;
        }
        String kernelMessage = null;
        if ((NetlinkMessageHeader.flags(receive, offset) & NetlinkMessageHeader.NLM_F_ACK_TLVS) != 0) {
            RouteAttributes attributes = RouteAttributes.parse(receive, payload + NetlinkErrorMessage.ATTRIBUTES_OFFSET,
                    end(offset), NetlinkErrorMessage.NLMSGERR_ATTR_MSG);
            if (attributes.has(NetlinkErrorMessage.NLMSGERR_ATTR_MSG)) {
                kernelMessage = attributes.string(NetlinkErrorMessage.NLMSGERR_ATTR_MSG);
            }
        }
        throw new NetlinkException(operation, errno, kernelMessage);
    }

    private long end(long offset) {
        return Math.min(offset + NetlinkMessageHeader.length(receive, offset), received);
    }

    private long next(long offset) {
        int length = NetlinkMessageHeader.length(receive, offset);
        return length < NetlinkMessageHeader.SIZE ? received : offset + NetlinkMessageHeader.align(length);
    }

    @Override
    public void close() {
        SocketCalls.close(state, fd);
        arena.close();
    }
}
