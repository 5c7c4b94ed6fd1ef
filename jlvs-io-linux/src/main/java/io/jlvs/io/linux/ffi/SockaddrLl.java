package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code struct sockaddr_ll} of &lt;linux/if_packet.h&gt;: a link-level address, as bind(2) takes it
 * to tie an AF_PACKET socket to one interface and protocol.
 *
 * <pre>
 *  0             2              4            8          10        11       12             20
 *  +-------------+--------------+------------+----------+---------+--------+--------------+
 *  | sll_family  | sll_protocol | sll_ifindex| sll_hatype|pkttype | halen  | sll_addr[8]  |
 *  |             | (big-endian) |            |           |        |        |              |
 *  +-------------+--------------+------------+----------+---------+--------+--------------+
 * </pre>
 */
public final class SockaddrLl {
    /** sizeof(struct sockaddr_ll). */
    public static final int BYTES = 20;

    private SockaddrLl() {
    }

    /** An address for bind: the family, the protocol (host order here, stored big-endian) and the interface. */
    public static MemorySegment allocate(Arena arena, int protocol, int interfaceIndex) {
        MemorySegment address = arena.allocate(BYTES, 4);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) IfPacket.AF_PACKET);
        address.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 2, (short) protocol);
        address.set(ValueLayout.JAVA_INT, 4, interfaceIndex);
        return address;
    }
}
