package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of a one-packet UDP service (ipvsadm -o): every datagram is scheduled on its own and
 * its one-packet entry ends with it, as in the kernel. The sockets to the real servers the client
 * was sent to are kept so replies find their way back; they close after the udp timeout without
 * datagrams from the client. Replies have no entry to count on, so they are counted on the real
 * server and the service directly.
 */
final class OnePacketSession extends Session {
    private final ProxyCore core;
    private final UdpListener listener;
    private final InetSocketAddress client;
    private final Map<InetSocketAddress, ChannelFuture> backends = new HashMap<>();
    private long lastSeen;

    OnePacketSession(ProxyCore core, UdpListener listener, InetSocketAddress client) {
        this.core = core;
        this.listener = listener;
        this.client = client;
        this.lastSeen = core.now();
    }

    /**
     * Schedules one datagram and sends it; false when no real server could take it or a socket to
     * the chosen one would not fit in the descriptor budget.
     */
    boolean forward(VirtualService service, ByteBuf content) {
        long now = core.now();
        InetSocketAddress vip = listener.address();
        core.flow.set(Protocol.UDP, client.getAddress(), client.getPort(), vip.getAddress(), vip.getPort());
        int slot = core.schedule(service, core.flow, List.of());
        if (slot < 0) {
            core.unscheduled++;
            return false;
        }
        ConnectionTable table = core.table;
        RealServer dest = table.destination(slot);
        InetSocketAddress target = new InetSocketAddress(dest.address(), table.destinationPort(slot));
        ChannelFuture backend = backends.get(target);
        if (backend == null) {
            if (!core.descriptors.admits(1)) {
                core.descriptors.refusedDatagram();
                table.touch(slot, now); // a one-packet entry ends at once
                return false;
            }
            backend = SourceAddresses.connect(new Bootstrap()
                    .group(core.loop)
                    .channel(core.transport.datagramChannel())
                    .handler(new UdpReplyHandler(reply -> reply(service, dest, reply))), target, service, dest);
            core.descriptors.track(backend.channel());
            backends.put(target, backend);
        }
        table.inbound(slot, 0, content.readableBytes(), now); // counts, then the entry ends
        lastSeen = now;
        ByteBuf payload = content.retain();
        ChannelFuture opened = backend;
        if (opened.isDone()) {
            send(opened, payload);
        } else {
            opened.addListener(f -> send(opened, payload));
        }
        return true;
    }

    private static void send(ChannelFuture backend, ByteBuf content) {
        if (backend.isSuccess() && backend.channel().isActive()) {
            backend.channel().writeAndFlush(content, backend.channel().voidPromise());
        } else {
            content.release();
        }
    }

    private void reply(VirtualService service, RealServer dest, ByteBuf content) {
        if (dest.isAvailable()) {
            dest.stats().countOut(content.readableBytes());
            service.stats().countOut(content.readableBytes());
        }
        listener.reply(client, content.retain());
    }

    @Override
    boolean isExpired(ConnectionTable table, long nowNanos) {
        return nowNanos - lastSeen > core.states.timeoutNanos(ProtocolStates.IPPROTO_UDP, ProtocolStates.INITIAL_STATE);
    }

    @Override
    int slot() {
        return ConnectionTable.NONE;
    }

    @Override
    boolean isTcp() {
        return false;
    }

    @Override
    void expired() {
        listener.forget(client, this);
        backends.values().forEach(b -> b.channel().close());
        backends.clear();
    }

    @Override
    void abort() {
        core.closed(this);
        expired();
    }
}
