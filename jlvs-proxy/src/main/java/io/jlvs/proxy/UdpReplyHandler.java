package io.jlvs.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Consumer;

/** Reads replies on a connected socket to a UDP real server and hands their payload on. */
final class UdpReplyHandler extends ChannelInboundHandlerAdapter {
    private final Consumer<ByteBuf> replies;

    UdpReplyHandler(Consumer<ByteBuf> replies) {
        this.replies = replies;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case DatagramPacket packet -> replies.accept(packet.content());
                case ByteBuf content -> replies.accept(content);
                default -> { }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and the like: UDP has no connection to fail; the entry times out.
    }
}
