package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code struct sockaddr_in} and {@code struct sockaddr_in6} of &lt;netinet/in.h&gt; (port and
 * address in network byte order):
 *
 * <pre>
 *  sockaddr_in (16 bytes)
 *  0        2        4                 8                 16
 *  +--------+--------+-----------------+-----------------+
 *  | family | port   | sin_addr        | zero            |
 *  +--------+--------+-----------------+-----------------+
 *  sockaddr_in6 (28 bytes)
 *  0        2        4                 8                                  24          28
 *  +--------+--------+-----------------+----------------------------------+-----------+
 *  | family | port   | flowinfo        | sin6_addr (16)                   | scope_id  |
 *  +--------+--------+-----------------+----------------------------------+-----------+
 * </pre>
 */
public final class SockaddrIn {
    /** sizeof(struct sockaddr_in). */
    public static final int SIZE_IN = 16;
    /** sizeof(struct sockaddr_in6). */
    public static final int SIZE_IN6 = 28;
    private static final long FAMILY_OFFSET = 0;
    private static final long ADDR_OFFSET = 4;
    private static final long ADDR6_OFFSET = 8;

    private SockaddrIn() {
    }

    /**
     * The socket address of an IP address (4 bytes: sockaddr_in, 16: sockaddr_in6), port 0, as
     * raw sockets take it.
     */
    public static MemorySegment of(Arena arena, byte[] address) {
        boolean v4 = address.length == 4;
        if (!v4 && address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        MemorySegment struct = arena.allocate(v4 ? SIZE_IN : SIZE_IN6, 4);
        struct.set(Libc.C_SHORT, FAMILY_OFFSET, (short) (v4 ? IpSockets.AF_INET : IpSockets.AF_INET6));
        MemorySegment.copy(address, 0, struct, ValueLayout.JAVA_BYTE, v4 ? ADDR_OFFSET : ADDR6_OFFSET, address.length);
        return struct;
    }
}
