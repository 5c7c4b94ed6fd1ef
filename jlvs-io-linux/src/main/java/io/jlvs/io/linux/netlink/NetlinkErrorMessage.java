package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;

/**
 * {@code struct nlmsgerr} of &lt;linux/netlink.h&gt;, the payload of an NLMSG_ERROR: the negated
 * errno (0 for an acknowledgement) and the header of the request it answers (only the header:
 * the socket sets NETLINK_CAP_ACK). With NLM_F_ACK_TLVS in the message's flags, extended
 * acknowledgement attributes follow, among them the kernel's text for the error:
 *
 * <pre>
 *  0                               4                                                              20
 *  +-------------------------------+---------------------------------------------------------------+----------------------+
 *  | error (-errno, or 0)          | nlmsghdr of the request (16 bytes)                            | NLMSGERR_ATTR_* ...  |
 *  +-------------------------------+---------------------------------------------------------------+----------------------+
 * </pre>
 */
final class NetlinkErrorMessage {
    static final long ERROR_OFFSET = 0;
    /** Where the extended acknowledgement attributes start, under NETLINK_CAP_ACK. */
    static final int ATTRIBUTES_OFFSET = 4 + NetlinkMessageHeader.SIZE;
    /** NLMSGERR_ATTR_MSG: the kernel's text for the error, NUL-terminated. */
    static final int NLMSGERR_ATTR_MSG = 1;

    private NetlinkErrorMessage() {
    }

    /** The error number, positive, or 0 for an acknowledgement. */
    static int errno(MemorySegment buffer, long payload) {
        return -HostOrder.u32(buffer, payload + ERROR_OFFSET);
    }
}
