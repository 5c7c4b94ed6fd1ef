package io.jlvs.proxy;

import io.jlvs.core.model.Protocol;
import io.jlvs.core.service.VirtualService;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The socket of one UDP VIP:port: sorts datagrams into per-client sessions (one-packet clients
 * for a -o service) and sends replies back to clients from the VIP.
 */
final class UdpListener extends SimpleChannelInboundHandler<DatagramPacket> {
    private final ProxyCore core;
    private final InetSocketAddress address;
    private final Map<InetSocketAddress, Session> sessions = new HashMap<>();
    private Channel channel;

    UdpListener(ProxyCore core, InetSocketAddress address) {
        super(false);
        this.core = core;
        this.address = address;
    }

    InetSocketAddress address() {
        return address;
    }

    void channel(Channel bound) {
        channel = bound;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        try {
            VirtualService service = core.engine.lookup(Protocol.UDP, address.getAddress(), address.getPort(), 0);
            if (service == null) {
                return;
            }
            InetSocketAddress client = packet.sender();
            Session session = sessions.get(client);
            if (service.spec().onePacket()) {
                OnePacketSession onePacket = session instanceof OnePacketSession s ? s : null;
                if (onePacket == null) {
                    onePacket = new OnePacketSession(core, this, client);
                    replace(client, session, onePacket);
                }
                onePacket.forward(service, content);
                return;
            }
            UdpSession udp = session instanceof UdpSession s ? s : null;
            if (udp == null) {
                udp = UdpSession.open(core, this, service, client);
                if (udp == null) {
                    return;
                }
                replace(client, session, udp);
            }
            udp.forward(content.retain());
        } finally {
            packet.release();
        }
    }

    /** A service switched to or from -o: the client's old kind of session gives way. */
    private void replace(InetSocketAddress client, Session old, Session fresh) {
        if (old != null) {
            old.abort();
        }
        sessions.put(client, fresh);
        if (fresh instanceof OnePacketSession) {
            core.open(fresh);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A send error (ICMP unreachable from a client) is no reason to stop serving the VIP.
    }

    void reply(InetSocketAddress client, ByteBuf content) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(new DatagramPacket(content, client), channel.voidPromise());
        } else {
            content.release();
        }
    }

    void forget(InetSocketAddress client, Session session) {
        sessions.remove(client, session);
    }

    /** Stops serving the VIP: its sessions end with it, since replies could no longer reach clients. */
    void close() {
        for (Session session : new ArrayList<>(sessions.values())) {
            session.abort();
        }
        sessions.clear();
        if (channel != null) {
            channel.close();
        }
    }
}
