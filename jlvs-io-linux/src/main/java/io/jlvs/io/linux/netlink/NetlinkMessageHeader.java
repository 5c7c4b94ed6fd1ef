package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;

/**
 * {@code struct nlmsghdr} of &lt;linux/netlink.h&gt;, which starts every netlink message, in host
 * byte order; the payload follows at {@link #SIZE} and the next message at the length rounded up
 * to {@link #ALIGNMENT}:
 *
 * <pre>
 *  0                               4               6               8                              12                              16
 *  +-------------------------------+---------------+---------------+-------------------------------+-------------------------------+
 *  | nlmsg_len (header + payload)  | nlmsg_type    | nlmsg_flags   | nlmsg_seq                     | nlmsg_pid (sender's port id)  |
 *  +-------------------------------+---------------+---------------+-------------------------------+-------------------------------+
 * </pre>
 */
final class NetlinkMessageHeader {
    static final int SIZE = 16;
    static final int ALIGNMENT = 4;
    static final long LEN_OFFSET = 0;
    static final long TYPE_OFFSET = 4;
    static final long FLAGS_OFFSET = 6;
    static final long SEQ_OFFSET = 8;
    static final long PID_OFFSET = 12;

    /** NLMSG_NOOP: to be skipped. */
    static final int NLMSG_NOOP = 1;
    /** NLMSG_ERROR: an error, or with error 0 an acknowledgement (see {@link NetlinkErrorMessage}). */
    static final int NLMSG_ERROR = 2;
    /** NLMSG_DONE: the end of a dump. */
    static final int NLMSG_DONE = 3;

    /** NLM_F_REQUEST: a request. */
    static final int NLM_F_REQUEST = 0x01;
    /** NLM_F_ACK: answer with an acknowledgement (an NLMSG_ERROR of error 0) on success. */
    static final int NLM_F_ACK = 0x04;
    /** NLM_F_DUMP_INTR: the dump changed while it was read and must be read again. */
    static final int NLM_F_DUMP_INTR = 0x10;
    /** NLM_F_DUMP (NLM_F_ROOT | NLM_F_MATCH): every object of the kind. */
    static final int NLM_F_DUMP = 0x300;
    /** NLM_F_REPLACE: replace an existing object. */
    static final int NLM_F_REPLACE = 0x100;
    /** NLM_F_EXCL: fail if the object exists. */
    static final int NLM_F_EXCL = 0x200;
    /** NLM_F_CREATE: create the object if it does not exist. */
    static final int NLM_F_CREATE = 0x400;
    /** NLM_F_ACK_TLVS (on an NLMSG_ERROR): extended acknowledgement attributes follow. */
    static final int NLM_F_ACK_TLVS = 0x200;

    private NetlinkMessageHeader() {
    }

    static int length(MemorySegment buffer, long offset) {
        return HostOrder.u32(buffer, offset + LEN_OFFSET);
    }

    static void length(MemorySegment buffer, long offset, int value) {
        HostOrder.u32(buffer, offset + LEN_OFFSET, value);
    }

    static int type(MemorySegment buffer, long offset) {
        return HostOrder.u16(buffer, offset + TYPE_OFFSET);
    }

    static int flags(MemorySegment buffer, long offset) {
        return HostOrder.u16(buffer, offset + FLAGS_OFFSET);
    }

    static int seq(MemorySegment buffer, long offset) {
        return HostOrder.u32(buffer, offset + SEQ_OFFSET);
    }

    static void seq(MemorySegment buffer, long offset, int value) {
        HostOrder.u32(buffer, offset + SEQ_OFFSET, value);
    }

    /** Writes a whole header: the length is fixed later, when the message is complete. */
    static void write(MemorySegment buffer, long offset, int type, int flags, int seq) {
        HostOrder.u32(buffer, offset + LEN_OFFSET, SIZE);
        HostOrder.u16(buffer, offset + TYPE_OFFSET, type);
        HostOrder.u16(buffer, offset + FLAGS_OFFSET, flags);
        HostOrder.u32(buffer, offset + SEQ_OFFSET, seq);
        HostOrder.u32(buffer, offset + PID_OFFSET, 0);
    }

    /** A length rounded up to the alignment of messages and attributes (NLMSG_ALIGN, RTA_ALIGN). */
    static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
