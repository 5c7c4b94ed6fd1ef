package io.jlvs.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's share of the process's descriptors ({@link ProxyOptions#maxOpenSockets()}): every
 * socket it opens (listeners, clients, sockets to real servers) is counted until it closes, and a
 * new client or UDP session that would take the count past the budget is refused before it opens
 * anything more, so the engine never meets EMFILE and keeps serving as sockets close. Refusals are
 * counted; the first of an episode and the episode's end are logged, nothing in between.
 * Confined to the engine's loop.
 */
final class DescriptorBudget {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorBudget.class);

    private final int maxOpenSockets;
    private int open;
    /** One listener for every counted socket: closing gives its descriptor back. */
    private final ChannelFutureListener released = closed -> open--;
    private long refusedClients;
    private long refusedDatagrams;
    /** Refusals since the budget was last found full, or 0 when it is not. */
    private long episodeRefusals;

    DescriptorBudget(int maxOpenSockets) {
        this.maxOpenSockets = maxOpenSockets;
    }

    /** Whether this many more sockets fit; the first fit after refusals ends the episode. */
    boolean admits(int sockets) {
        if (open > maxOpenSockets - sockets) {
            return false;
        }
        if (episodeRefusals > 0) {
            LOG.info("descriptor budget: serving new clients again ({} sockets open of {}, {} refused meanwhile)",
                    open, maxOpenSockets, episodeRefusals);
            episodeRefusals = 0;
        }
        return true;
    }

    /** Counts an open socket until it closes (a socket that never opened is not counted). */
    void track(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        open++;
        channel.closeFuture().addListener(released);
    }

    /** A new TCP client was reset because its connection would not fit. */
    void refusedClient() {
        refusedClients++;
        refused();
    }

    /** A datagram that needed a new socket was dropped because it would not fit. */
    void refusedDatagram() {
        refusedDatagrams++;
        refused();
    }

    private void refused() {
        if (episodeRefusals++ == 0) {
            LOG.warn("descriptor budget reached: {} sockets open of {}; new clients are reset (and new UDP clients'"
                    + " datagrams dropped) until connections close. Raise the descriptor limit (LimitNOFILE=) to"
                    + " serve more", open, maxOpenSockets);
        }
    }

    int open() {
        return open;
    }

    int maxOpenSockets() {
        return maxOpenSockets;
    }

    long refusedClients() {
        return refusedClients;
    }

    long refusedDatagrams() {
        return refusedDatagrams;
    }
}
