package io.jlvs.daemon.packet;

import io.jlvs.director.MarkedPacketSink;
import io.jlvs.director.MarkedPacketSource;
import io.jlvs.io.linux.netlink.NetfilterLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;

/**
 * The worker's marked packets from nfnetlink_log: the group {@link MarkTable}'s rules log to, read
 * without waiting in the worker's duty cycle. No allocation per packet (the handler is this object).
 */
final class NetfilterLogSource implements MarkedPacketSource, NetfilterLog.PacketHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NetfilterLogSource.class);

    private final NetfilterLog log;
    private MarkedPacketSink sink;
    private boolean failed;

    NetfilterLogSource(NetfilterLog log) {
        this.log = log;
    }

    @Override
    public int receive(MarkedPacketSink to, int max) {
        if (failed) {
            return 0;
        }
        sink = to;
        int received = log.receive(this, max);
        if (received < 0) {
            failed = true; // once, off the hot path: the socket is broken for good
            LOG.error("reading nflog group {} failed (errno {}): firewall-mark services get no more packets",
                    log.group(), -received);
            return 0;
        }
        return received;
    }

    @Override
    public void onPacket(MemorySegment buffer, long offset, int length, int mark) {
        sink.onMarkedPacket(buffer, offset, length, mark);
    }

    @Override
    public void close() {
        log.close();
    }
}
