package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionScheduler;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.proto.PacketDirection;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.proxy.header.ProxyHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.Socket;

import java.io.IOException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One proxied TCP connection: the accepted client socket, the socket to the real server the core
 * scheduled, and the connection entry that mirrors them in the kernel's TCP state table.
 *
 * <p>Socket events become the segments the kernel would have seen: the accept is the client's SYN
 * (SYN_RECV while the connect runs), the completed connect the server's SYN-ACK and the client's
 * ACK (ESTABLISHED), each read an ACK-carrying segment in its direction (counted as one packet
 * with its bytes), an end of stream a FIN in its direction, and a reset or error an RST. The
 * entry's state therefore moves ActiveConn and InActConn exactly as the kernel's would, and the
 * entry outlives the sockets in TIME_WAIT or CLOSE for the state's timeout.
 *
 * <p>A FIN is relayed as a half-close: the peer's output is shut down after the bytes before it
 * are written, and the other direction stays open until its own FIN. Back-pressure: a side stops
 * reading while its peer's outbound buffer is above the high-water mark, and resumes when it
 * drains. Bytes are copied through pooled buffers rather than spliced, so that every read is
 * counted on the entry, the real server and the service (ipvsadm's InPkts/InBytes/OutPkts/OutBytes)
 * and half-closes pass through the pipeline.
 *
 * <p>A failed connect counts as the real server's RST (the attempt's entry ends in CLOSE, as the
 * kernel's would), and the client is scheduled again with the servers that failed it passed over;
 * after {@link ProxyOptions#connectAttempts()} attempts the client is reset. A client that would
 * take the engine past its descriptor budget is reset at once (see {@link DescriptorBudget}).
 */
final class TcpRelay extends Session {
    static final int CLIENT = 0;
    static final int SERVER = 1;

    private final ProxyCore core;
    private final SocketChannel client;
    private VirtualService service;
    private InetSocketAddress clientAddress;
    private InetSocketAddress virtualAddress;
    private SocketChannel server;
    private int slot = ConnectionTable.NONE;
    private List<RealServer> failed = List.of();
    private int attempts;
    private boolean established;
    private boolean clientEof;
    /** Client bytes read before the real server answered (epoll reads on RDHUP even with autoRead off). */
    private List<ByteBuf> early = List.of();
    private boolean earlyEof;
    private boolean serverEof;
    private int outputsShut;
    private boolean finished;

    TcpRelay(ProxyCore core, SocketChannel client) {
        this.core = core;
        this.client = client;
    }

    /** The client connection was accepted: find its service and connect to a real server. */
    void start() {
        if (!core.descriptors.admits(ProxyOptions.SOCKETS_PER_TCP_CONNECTION)) {
            core.descriptors.refusedClient();
            finished = true;
            reset(client);
            return;
        }
        core.descriptors.track(client);
        clientAddress = client.remoteAddress();
        virtualAddress = client.localAddress();
        service = core.engine.lookup(Protocol.TCP, virtualAddress.getAddress(), virtualAddress.getPort(), 0);
        if (service == null) {
            core.unscheduled++;
            core.clientResets++;
            finished = true;
            reset(client);
            return;
        }
        core.open(this);
        connectNext();
    }

    private void connectNext() {
        core.flow.set(Protocol.TCP, clientAddress.getAddress(), clientAddress.getPort(),
                virtualAddress.getAddress(), virtualAddress.getPort());
        int scheduled = core.schedule(service, core.flow, failed);
        if (scheduled < 0) {
            if (scheduled != ConnectionScheduler.NOT_SCHEDULED) {
                core.unscheduled++;
            }
            giveUp();
            return;
        }
        slot = scheduled;
        attempts++;
        ConnectionTable table = core.table;
        table.transition(slot, PacketDirection.INPUT, TcpStateTable.EVENT_SYN);
        table.touch(slot, core.now());
        RealServer dest = table.destination(slot);
        InetSocketAddress target = new InetSocketAddress(dest.address(), table.destinationPort(slot));
        // One channel built by hand instead of a Bootstrap per connect: no option maps, no resolver
        // lookup, no initializer; on the loop thread the registration completes at once.
        SocketChannel channel = core.newRealServerChannel();
        core.descriptors.track(channel);
        channel.pipeline().addLast(new RelayHandler(this, SERVER));
        server = channel;
        ChannelFuture registered = core.loop.register(channel);
        ChannelFuture connect;
        if (registered.isDone()) {
            if (registered.isSuccess()) {
                connect = bindAndConnect(channel, target, dest, channel.newPromise());
            } else {
                channel.unsafe().closeForcibly();
                connect = registered;
            }
        } else {
            ChannelPromise promise = channel.newPromise();
            registered.addListener(r -> {
                if (r.isSuccess()) {
                    bindAndConnect(channel, target, dest, promise);
                } else {
                    channel.unsafe().closeForcibly();
                    promise.setFailure(r.cause());
                }
            });
            connect = promise;
        }
        connect.addListener(done -> connected((ChannelFuture) done, dest));
    }

    /**
     * Connects a registered socket, from one of the service's local addresses when it has them and
     * the real server is FULLNAT; when none can be bound the attempt fails as a refused connect would.
     */
    private ChannelFuture bindAndConnect(SocketChannel channel, InetSocketAddress target, RealServer dest,
                                         ChannelPromise promise) {
        if (SourceAddresses.bind(channel, service, dest)) {
            return channel.connect(target, promise);
        }
        channel.unsafe().closeForcibly();
        return promise.setFailure(SourceAddresses.unbound(service));
    }

    private void connected(ChannelFuture done, RealServer dest) {
        if (done.channel() != server || finished) {
            // An attempt the relay no longer waits for: its socket must not outlive it.
            done.channel().close();
            return;
        }
        ConnectionTable table = core.table;
        long now = core.now();
        if (!done.isSuccess()) {
            // Netty fails a refused connect without closing its socket (epoll): close it here, or
            // every failed attempt keeps a descriptor for good.
            done.channel().close();
            core.connectFailures++;
            if (slot != ConnectionTable.NONE && table.isLive(slot)) {
                table.transition(slot, PacketDirection.OUTPUT, TcpStateTable.EVENT_RST);
                table.touch(slot, now);
            }
            slot = ConnectionTable.NONE;
            server = null;
            if (failed.isEmpty()) {
                failed = new ArrayList<>(core.options.connectAttempts());
            }
            failed.add(dest);
            if (attempts < core.options.connectAttempts() && client.isActive()) {
                connectNext();
            } else {
                giveUp();
            }
            return;
        }
        if (slot == ConnectionTable.NONE || !table.isLive(slot)) {
            abort();
            return;
        }
        table.transition(slot, PacketDirection.OUTPUT, TcpStateTable.EVENT_SYN);
        table.transition(slot, PacketDirection.INPUT, TcpStateTable.EVENT_ACK);
        table.touch(slot, now);
        established = true;
        failed = List.of();
        writeProxyHeader();
        for (ByteBuf data : early) {
            server.write(data, server.voidPromise());
        }
        early = List.of();
        server.flush();
        server.config().setAutoRead(true);
        if (earlyEof) {
            endOfStream(CLIENT);
        } else {
            // Not after an end of stream: epoll has dropped the socket's read interest by then.
            client.config().setAutoRead(true);
        }
    }

    /** The PROXY protocol header goes first, so the real server learns the client's address. */
    private void writeProxyHeader() {
        ProxyProtocol version = service.spec().proxyProtocol();
        if (version != ProxyProtocol.NONE) {
            ByteBuf header = server.alloc().buffer(ProxyHeader.V1_MAX_LENGTH);
            ProxyHeader.write(version, header, clientAddress, virtualAddress);
            server.write(header, server.voidPromise());
        }
    }

    private void giveUp() {
        core.clientResets++;
        finished = true;
        releaseEarly();
        core.closed(this);
        reset(client);
    }

    /** Whether events from this channel on this side concern the relay (not an abandoned attempt). */
    boolean isCurrent(int side, Channel channel) {
        return side == CLIENT ? channel == client : channel == server;
    }

    void read(int side, ByteBuf data) {
        if (finished || slot == ConnectionTable.NONE) {
            data.release();
            return;
        }
        int bytes = data.readableBytes();
        long now = core.now();
        if (side == CLIENT) {
            core.table.inbound(slot, TcpStateTable.EVENT_ACK, bytes, now);
        } else {
            core.table.outbound(slot, TcpStateTable.EVENT_ACK, bytes, now);
        }
        if (!established) {
            if (early.isEmpty()) {
                early = new ArrayList<>(2);
            }
            early.add(data);
            return;
        }
        Channel peer = peer(side);
        peer.write(data, peer.voidPromise());
        if (!peer.isWritable() && channel(side).config().isAutoRead()) {
            channel(side).config().setAutoRead(false);
        }
    }

    void readComplete(int side) {
        if (!finished && established) {
            peer(side).flush();
        }
    }

    /** The side's outbound buffer crossed a water mark: its peer may read again once it drains. */
    void writabilityChanged(int side) {
        Channel ch = channel(side);
        boolean peerEof = side == CLIENT ? serverEof : clientEof;
        if (!finished && established && ch.isWritable() && !peerEof) {
            peer(side).config().setAutoRead(true);
        }
    }

    /** The side sent FIN: relay it as a half-close once the bytes before it are written. */
    void endOfStream(int side) {
        if (finished) {
            return;
        }
        if (!established) {
            earlyEof = side == CLIENT;
            return;
        }
        if (side == CLIENT) {
            if (clientEof) {
                return;
            }
            clientEof = true;
        } else {
            if (serverEof) {
                return;
            }
            serverEof = true;
        }
        if (slot != ConnectionTable.NONE) {
            core.table.transition(slot, direction(side), TcpStateTable.EVENT_FIN);
            core.table.touch(slot, core.now());
        }
        SocketChannel peer = peer(side);
        int peerSide = 1 - side;
        if (canShutOutputNow(peer)) {
            try {
                ((Socket) ((EpollSocketChannel) peer).fd()).shutdown(false, true);
            } catch (IOException e) {
                failed(peerSide);
                return;
            }
            outputsShut++;
            finishIfDone();
            return;
        }
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (finished) {
                return;
            }
            if (!written.isSuccess()) {
                failed(peerSide);
                return;
            }
            peer.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    failed(peerSide);
                    return;
                }
                outputsShut++;
                finishIfDone();
            });
        });
    }

    /**
     * With epoll and nothing left to write, the FIN goes out at once with shutdown(2) on the socket:
     * Netty's shutdownOutput() would need a write promise first and then build an exception with a
     * stack trace (to fail writes that cannot be pending here), twice per connection.
     */
    private static boolean canShutOutputNow(SocketChannel peer) {
        if (!(peer instanceof EpollSocketChannel epoll) || !epoll.isActive()) {
            return false;
        }
        ChannelOutboundBuffer pending = epoll.unsafe().outboundBuffer();
        return pending != null && pending.totalPendingWriteBytes() == 0 && pending.isEmpty();
    }

    /** Both FINs have been relayed: close both sockets; the entry lives on in TIME_WAIT. */
    private void finishIfDone() {
        if (finished || outputsShut < 2) {
            return;
        }
        finished = true;
        core.closed(this);
        client.close();
        server.close();
    }

    /** A socket closed: expected after both FINs, otherwise the side reset the connection. */
    void inactive(int side) {
        if (!finished) {
            abort(side);
        }
    }

    void failed(int side) {
        if (!finished) {
            abort(side);
        }
    }

    /** The side reset the connection (or failed): RST in its direction, and reset the other side. */
    private void abort(int side) {
        finished = true;
        releaseEarly();
        core.closed(this);
        if (slot != ConnectionTable.NONE && core.table.isLive(slot)) {
            core.table.transition(slot, direction(side), TcpStateTable.EVENT_RST);
            core.table.touch(slot, core.now());
        }
        reset(client);
        if (server != null) {
            reset(server);
        }
    }

    @Override
    void abort() {
        if (!finished) {
            abort(CLIENT);
        }
    }

    @Override
    void expired() {
        finished = true;
        releaseEarly();
        slot = ConnectionTable.NONE;
        reset(client);
        if (server != null) {
            reset(server);
        }
    }

    @Override
    int slot() {
        return slot;
    }

    @Override
    boolean isTcp() {
        return true;
    }

    private SocketChannel channel(int side) {
        return side == CLIENT ? client : server;
    }

    private SocketChannel peer(int side) {
        return side == CLIENT ? server : client;
    }

    private static int direction(int side) {
        return side == CLIENT ? PacketDirection.INPUT : PacketDirection.OUTPUT;
    }

    private void releaseEarly() {
        early.forEach(ByteBuf::release);
        early = List.of();
    }

    /** Closes with SO_LINGER 0, so the peer gets an RST instead of a FIN. */
    static void reset(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException ignored) {
            // Not every socket state accepts the option; a plain close is the best left.
        }
        channel.close();
    }
}
