package io.jlvs.daemon.realserver;

import io.jlvs.io.linux.ReadinessPoll;
import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.rawip.RawIpSocket;
import io.jlvs.io.linux.tun.TunDevice;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The user-space tunnel end of a TUN real server, for kernels without ipip: raw sockets receive
 * the IPIP (and IPv6-in-IPv6) packets the director sends to this host, and the inner packet of
 * each, when it is for a VIP, is written to the TUN device, where the kernel takes it as received
 * and delivers it to the service on the VIP. One thread; nothing allocated per packet.
 */
final class Decapsulator implements AutoCloseable {
    /** An IP packet's largest size. */
    private static final int BUFFER_SIZE = 65_536;
    /** Room for bursts while the thread is descheduled. */
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int MAX_IPV4_HEADER = 60;

    private final TunDevice device;
    private final Decapsulation decapsulation;
    private final List<RawIpSocket> sockets = new ArrayList<>();
    /** Per socket: whether it is AF_INET (packets with their outer header), and its protocol. */
    private final boolean[] outerIpv4;
    private final int[] protocols;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(BUFFER_SIZE, 8);
    /** The buffer from each offset an inner packet can start at (an IPv4 header has at most 60 bytes). */
    private final MemorySegment[] from = new MemorySegment[MAX_IPV4_HEADER + 1];
    private final ReadinessPoll poll;
    private long passed;

    /**
     * Opens the raw sockets the VIPs need: IPv4 VIPs come in IPIP over IPv4, IPv6 VIPs in
     * IPv6-in-IPv6 (what IPVS's tunnel method sends for each family).
     */
    Decapsulator(TunDevice device, VipSet vips) throws SystemCallException {
        this.device = device;
        this.decapsulation = new Decapsulation(vips);
        for (int offset = 0; offset < from.length; offset++) {
            from[offset] = buffer.asSlice(offset);
        }
        try {
            if (vips.hasIpv4()) {
                open(RawIpSocket.Family.IPV4, RawIpSocket.IPIP);
            }
            if (vips.hasIpv6()) {
                open(RawIpSocket.Family.IPV6, RawIpSocket.IPV6_IN_IP);
            }
        } catch (SystemCallException e) {
            close();
            throw e;
        }
        outerIpv4 = new boolean[sockets.size()];
        protocols = new int[sockets.size()];
        int i = 0;
        if (vips.hasIpv4()) {
            outerIpv4[i] = true;
            protocols[i++] = RawIpSocket.IPIP;
        }
        if (vips.hasIpv6()) {
            protocols[i] = RawIpSocket.IPV6_IN_IP;
        }
        poll = new ReadinessPoll(sockets.stream().mapToInt(RawIpSocket::fd).toArray());
    }

    private void open(RawIpSocket.Family family, int protocol) throws SystemCallException {
        RawIpSocket socket = RawIpSocket.open(family, protocol);
        sockets.add(socket);
        socket.receiveBufferSize(RECEIVE_BUFFER);
    }

    /** Passes packets on until the process ends (or a call fails). */
    void run() throws SystemCallException {
        while (true) {
            passOnReady(-1);
        }
    }

    /**
     * Waits up to timeoutMillis (-1: without limit) for packets, and passes on one from each socket
     * that has one.
     *
     * @return how many packets were received
     */
    int passOnReady(int timeoutMillis) throws SystemCallException {
        if (poll.await(timeoutMillis) == 0) {
            return 0;
        }
        int received = 0;
        for (int s = 0; s < sockets.size(); s++) {
            if (poll.readable(s)) {
                passOn(s);
                received++;
            }
        }
        return received;
    }

    /** Receives one packet from socket s and writes its inner packet to the device. */
    private void passOn(int s) throws SystemCallException {
        int length = sockets.get(s).receive(buffer);
        long inner = outerIpv4[s] ? decapsulation.innerOfIpv4(buffer, length)
                : decapsulation.innerOfIpv6Payload(buffer, length, protocols[s]);
        if (inner < 0) {
            return;
        }
        if (device.write(from[(int) inner], (int) (length - inner))) {
            passed++;
        } else {
            decapsulation.refusedByDevice();
        }
    }

    /** How many inner packets were written to the device. */
    long passed() {
        return passed;
    }

    /** How many packets were dropped for reason. */
    long drops(Decapsulation.Drop reason) {
        return decapsulation.drops(reason);
    }

    /** "passed on N packets; dropped: REASON n, ..." (read from another thread, the counts may lag). */
    String counts() {
        StringBuilder text = new StringBuilder("passed on ").append(passed).append(" packets; dropped:");
        for (Decapsulation.Drop reason : Decapsulation.Drop.values()) {
            text.append(' ').append(reason.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(decapsulation.drops(reason));
        }
        return text.toString();
    }

    @Override
    public void close() throws SystemCallException {
        if (poll != null) {
            poll.close();
        }
        for (RawIpSocket socket : sockets) {
            socket.close();
        }
        arena.close();
    }
}
