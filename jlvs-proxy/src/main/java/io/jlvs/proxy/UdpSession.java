package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The datagrams of one client address and port to one UDP VIP:port: a UDP connection entry (the
 * kernel's, NORMAL state, the udp timeout re-armed by every datagram either way) and a connected
 * socket to the real server scheduled for the first datagram. Replies go back to the client from
 * the VIP's socket. The session ends when its entry expires.
 */
final class UdpSession extends Session {
    private final ProxyCore core;
    private final UdpListener listener;
    private final InetSocketAddress client;
    private int slot;
    private final ChannelFuture backend;

    private UdpSession(ProxyCore core, UdpListener listener, VirtualService service, InetSocketAddress client,
                       int slot) {
        this.core = core;
        this.listener = listener;
        this.client = client;
        this.slot = slot;
        ConnectionTable table = core.table;
        RealServer dest = table.destination(slot);
        InetSocketAddress target = new InetSocketAddress(dest.address(), table.destinationPort(slot));
        this.backend = SourceAddresses.connect(new Bootstrap()
                .group(core.loop)
                .channel(core.transport.datagramChannel())
                .handler(new UdpReplyHandler(this::reply)), target, service, dest);
        core.descriptors.track(backend.channel());
    }

    /**
     * Schedules the first datagram of a client; null when no real server can take it or its socket
     * would not fit in the descriptor budget.
     */
    static UdpSession open(ProxyCore core, UdpListener listener, VirtualService service, InetSocketAddress client) {
        if (!core.descriptors.admits(1)) {
            core.descriptors.refusedDatagram();
            return null;
        }
        InetSocketAddress vip = listener.address();
        core.flow.set(Protocol.UDP, client.getAddress(), client.getPort(), vip.getAddress(), vip.getPort());
        int slot = core.schedule(service, core.flow, List.of());
        if (slot < 0) {
            core.unscheduled++;
            return null;
        }
        UdpSession session = new UdpSession(core, listener, service, client, slot);
        core.open(session);
        return session;
    }

    /** A datagram from the client: count it on the entry and send it to the real server. */
    void forward(ByteBuf content) {
        core.table.inbound(slot, 0, content.readableBytes(), core.now());
        if (backend.isDone()) {
            send(content);
        } else {
            backend.addListener(f -> send(content));
        }
    }

    private void send(ByteBuf content) {
        if (backend.isSuccess() && backend.channel().isActive()) {
            backend.channel().writeAndFlush(content, backend.channel().voidPromise());
        } else {
            content.release();
        }
    }

    /** A datagram from the real server: count it and send it to the client from the VIP. */
    private void reply(ByteBuf content) {
        if (slot == ConnectionTable.NONE) {
            return;
        }
        core.table.outbound(slot, 0, content.readableBytes(), core.now());
        listener.reply(client, content.retain());
    }

    private void close() {
        listener.forget(client, this);
        backend.channel().close();
    }

    @Override
    void expired() {
        slot = ConnectionTable.NONE;
        close();
    }

    @Override
    void abort() {
        core.closed(this);
        close();
    }

    @Override
    int slot() {
        return slot;
    }

    @Override
    boolean isTcp() {
        return false;
    }
}
