package io.jlvs.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The one handler every TCP listener shares, in place of a ServerBootstrap's acceptor per
 * listener: an accepted client gets no reads until its real server answers, half-closes passed
 * through, and its {@link TcpRelay}, and is registered on the engine's loop. An accept that fails
 * (out of descriptors) pauses that listener's accepting for a second, as Netty's own acceptor does,
 * instead of spinning on the error.
 */
@ChannelHandler.Sharable
final class TcpAcceptor extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TcpAcceptor.class);
    private static final long PAUSE_AFTER_FAILURE_SECONDS = 1;

    private final ProxyCore core;

    TcpAcceptor(ProxyCore core) {
        this.core = core;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        SocketChannel client = (SocketChannel) msg;
        ProxyCore.configureRelaySocket(client.config());
        client.pipeline().addLast(new RelayHandler(new TcpRelay(core, client), TcpRelay.CLIENT));
        core.loop.register(client).addListener(CLOSE_UNREGISTERED);
    }

    private static final ChannelFutureListener CLOSE_UNREGISTERED = registered -> {
        if (!registered.isSuccess()) {
            registered.channel().unsafe().closeForcibly();
        }
    };

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            config.setAutoRead(false);
            ctx.channel().eventLoop().schedule(() -> config.setAutoRead(true), PAUSE_AFTER_FAILURE_SECONDS,
                    TimeUnit.SECONDS);
        }
        LOG.debug("accept failed on {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
