package io.jlvs.io.linux.netlink;

import io.jlvs.io.linux.Availability;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.packet.NetworkBytes;

import java.lang.foreign.MemorySegment;

/**
 * One nfnetlink_log group read by this process (what {@code tcpdump -i nflog:G} reads): the
 * packets an nftables {@code log group G} (or iptables NFLOG) rule hands over, each with its
 * firewall mark. Bound in copy-packet mode with a flush per packet (queue threshold 1), so a packet
 * comes up as soon as the rule logged it. {@link #receive} takes what is queued without waiting
 * and allocates nothing.
 *
 * <p>A packet message (NFULNL_MSG_PACKET) is a netlink header, {@code struct nfgenmsg}, then
 * attributes whose values are in network byte order:
 *
 * <pre>
 *  0               1               2                               4
 *  +---------------+---------------+-------------------------------+
 *  | nfgen_family  | version (0)   | res_id (the group, big endian)|   struct nfgenmsg
 *  +---------------+---------------+-------------------------------+
 *  | nla_len       | nla_type      | value ...                     |   NFULA_MARK (2): __be32 mark
 *  +---------------+---------------+-------------------------------+   NFULA_PAYLOAD (9): the IP packet, no L2
 * </pre>
 *
 * The socket belongs to the network namespace of the thread that opened it; a group is bound by
 * one socket at a time in a namespace. Not for two threads at once.
 */
public final class NetfilterLog implements AutoCloseable {
    private static final int NETLINK_NETFILTER = 12;
    /** EPROTONOSUPPORT: the kernel has no such netlink protocol. */
    private static final int EPROTONOSUPPORT = 93;
    /** NFNL_SUBSYS_ULOG: nfnetlink_log's subsystem, the high byte of the message type. */
    private static final int SUBSYS_ULOG = 4;
    private static final int MSG_PACKET = SUBSYS_ULOG << 8;
    private static final int MSG_CONFIG = SUBSYS_ULOG << 8 | 1;
    private static final int NFGENMSG_SIZE = 4;
    private static final int NFULA_CFG_CMD = 1;
    private static final int NFULA_CFG_MODE = 2;
    private static final int NFULA_CFG_TIMEOUT = 4;
    private static final int NFULA_CFG_QTHRESH = 5;
    private static final int NFULNL_CFG_CMD_BIND = 1;
    private static final int NFULNL_COPY_PACKET = 2;
    private static final int NFULA_MARK = 2;
    private static final int NFULA_PAYLOAD = 9;
    /** The most bytes of a packet the kernel copies (and the most a log rule's snaplen asks). */
    public static final int COPY_RANGE = 0xffff;

    private static final Availability AVAILABILITY = probe();

    /** Takes one logged packet while it is in the socket's buffer. */
    @FunctionalInterface
    public interface PacketHandler {
        /**
         * @param buffer the receive buffer, valid during the call only
         * @param offset where the IP packet starts
         * @param length the bytes copied (the packet, or its first snaplen bytes)
         * @param mark   the packet's firewall mark (0 when it has none)
         */
        void onPacket(MemorySegment buffer, long offset, int length, int mark);
    }

    private final NetlinkSocket socket;
    private final int group;
    private final Dispatch dispatch = new Dispatch();

    private NetfilterLog(NetlinkSocket socket, int group) {
        this.socket = socket;
        this.group = group;
    }

    /**
     * Binds the group (0 to 65535) in the calling thread's network namespace.
     *
     * @throws NetlinkException nfnetlink_log is missing (EPROTONOSUPPORT, ENOENT), or the group
     *                          is bound by another socket or this process lacks CAP_NET_ADMIN (EPERM)
     */
    public static NetfilterLog open(int group) throws NetlinkException {
        if (group < 0 || group > 0xffff) {
            throw new IllegalArgumentException("an nflog group is 0 to 65535, not " + group);
        }
        NetlinkSocket socket = NetlinkSocket.open(NETLINK_NETFILTER, 0);
        try {
            NetlinkRequest bind = config(socket, group);
            bind.bytes(NFULA_CFG_CMD, new byte[] {NFULNL_CFG_CMD_BIND});
            socket.acknowledged(bind, "cannot bind nflog group " + group
                    + " (bound by another socket, or this process lacks CAP_NET_ADMIN)");
            NetlinkRequest mode = config(socket, group);
            mode.bytes(NFULA_CFG_MODE, new byte[] {0, 0, (byte) (COPY_RANGE >>> 8), (byte) COPY_RANGE,
                NFULNL_COPY_PACKET, 0});
            mode.bytes(NFULA_CFG_QTHRESH, bigEndian(1));
            mode.bytes(NFULA_CFG_TIMEOUT, bigEndian(0));
            socket.acknowledged(mode, "cannot set nflog group " + group + " to copy packets");
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new NetfilterLog(socket, group);
    }

    private static NetlinkRequest config(NetlinkSocket socket, int group) {
        NetlinkRequest request = socket.request(MSG_CONFIG, NetlinkMessageHeader.NLM_F_ACK, NFGENMSG_SIZE);
        // nfgen_family AF_UNSPEC, version 0, res_id: the group in network byte order
        HostOrder.u8(request.buffer(), request.payload() + 2, group >>> 8);
        HostOrder.u8(request.buffer(), request.payload() + 3, group);
        return request;
    }

    private static byte[] bigEndian(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The group. */
    public int group() {
        return group;
    }

    /**
     * Hands the packets already queued, from at most maxDatagrams datagrams, to the handler
     * without waiting; returns how many, or -errno when the socket failed.
     */
    public int receive(PacketHandler handler, int maxDatagrams) {
        dispatch.handler = handler;
        try {
            return socket.drain(maxDatagrams, dispatch);
        } finally {
            dispatch.handler = null;
        }
    }

    /** How many times the kernel dropped packets for this group because the socket's buffer was full. */
    public long overruns() {
        return socket.overruns();
    }

    /** The socket's descriptor, for poll with other descriptors. */
    public int descriptor() {
        return socket.descriptor();
    }

    @Override
    public void close() {
        socket.close(); // the kernel unbinds the group when its socket goes
    }

    /** Reads a packet message's mark and payload: one instance per log, no object per packet. */
    private static final class Dispatch implements NetlinkSocket.NotificationHandler {
        PacketHandler handler;

        @Override
        public void onNotification(int type, MemorySegment buffer, long payload, long end) {
            if (type != MSG_PACKET) {
                return;
            }
            int mark = 0;
            long packet = -1;
            int length = 0;
            long attribute = payload + NFGENMSG_SIZE;
            while (attribute + RouteAttribute.SIZE <= end) {
                int attributeLength = RouteAttribute.length(buffer, attribute);
                if (attributeLength < RouteAttribute.SIZE || attribute + attributeLength > end) {
                    return; // malformed: the kernel does not send these
                }
                long value = attribute + RouteAttribute.SIZE;
                switch (RouteAttribute.type(buffer, attribute)) {
                    case NFULA_MARK -> mark = NetworkBytes.u32(buffer, value);
                    case NFULA_PAYLOAD -> {
                        packet = value;
                        length = attributeLength - RouteAttribute.SIZE;
                    }
                    default -> { }
                }
                attribute += NetlinkMessageHeader.align(attributeLength);
            }
            if (packet >= 0) {
                handler.onPacket(buffer, packet, length, mark);
            }
        }
    }

    // ---- availability ----

    private static Availability probe() {
        if (!LinuxNative.isAvailable()) {
            return Availability.unavailable("nfnetlink_log is unavailable: " + LinuxNative.unavailabilityCause()
                    .getMessage(), LinuxNative.unavailabilityCause());
        }
        try {
            NetlinkSocket.open(NETLINK_NETFILTER, 0).close();
            return Availability.AVAILABLE;
        } catch (NetlinkException e) {
            String why = e.errno() == EPROTONOSUPPORT ? "this kernel has no nfnetlink (NETLINK_NETFILTER)"
                    : e.getMessage();
            return Availability.unavailable("nfnetlink_log is unavailable: " + why, e);
        } catch (RuntimeException e) {
            return Availability.unavailable("nfnetlink_log is unavailable: " + e, e);
        }
    }

    /** Whether netfilter's netlink socket can be opened here (binding a group may still fail: see {@link #open}). */
    public static boolean isAvailable() {
        return AVAILABILITY.isAvailable();
    }

    /** Why not, or null when it can. */
    public static Throwable unavailabilityCause() {
        return AVAILABILITY.cause();
    }
}
