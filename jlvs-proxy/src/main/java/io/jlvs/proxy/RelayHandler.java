package io.jlvs.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/** Hands one socket's events (client side or server side) to its {@link TcpRelay}. */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private final TcpRelay relay;
    private final int side;

    RelayHandler(TcpRelay relay, int side) {
        this.relay = relay;
        this.side = side;
    }

    private boolean current(ChannelHandlerContext ctx) {
        return relay.isCurrent(side, ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (side == TcpRelay.CLIENT) {
            relay.start();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data && current(ctx)) {
            relay.read(side, data);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current(ctx)) {
            relay.readComplete(side);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE && current(ctx)) {
            relay.endOfStream(side);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current(ctx)) {
            relay.writabilityChanged(side);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current(ctx)) {
            relay.inactive(side);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (current(ctx)) {
            relay.failed(side);
        } else {
            ctx.close();
        }
    }
}
