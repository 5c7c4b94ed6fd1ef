package io.jlvs.io.linux.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The TUN/TAP driver's interface, &lt;linux/if_tun.h&gt;: the device node, the request that makes
 * (or attaches to) a device, its flags, and the {@code struct ifreq} of &lt;net/if.h&gt; as that
 * request reads and writes it, 40 bytes on LP64 Linux:
 *
 * <pre>
 *  0                16       18                        40
 *  +----------------+--------+-------------------------+
 *  | ifr_name[16]   | flags  | (rest of the union)     |
 *  +----------------+--------+-------------------------+
 * </pre>
 */
public final class IfTun {
    /** The clone device that every TUN/TAP device is opened through. */
    public static final String CLONE_DEVICE = "/dev/net/tun";
    /** TUNSETIFF, _IOW('T', 202, int): names and creates the device, with ifreq's flags. */
    public static final long TUNSETIFF = 0x400454caL;
    /** IFF_TUN: a layer-3 device (IP packets, no Ethernet header). */
    public static final short IFF_TUN = 0x0001;
    /** IFF_NO_PI: each read and write is the bare packet, without the 4-byte packet-information prefix. */
    public static final short IFF_NO_PI = 0x1000;
    /** IFNAMSIZ: the name's room, its terminating NUL included. */
    public static final int IFNAMSIZ = 16;
    /** sizeof(struct ifreq). */
    public static final long IFREQ_BYTES = 40;
    private static final long IFR_FLAGS_OFFSET = 16;

    private IfTun() {
    }

    /** A zeroed ifreq with the name (at most IFNAMSIZ - 1 bytes of ASCII; the caller checks) and the flags. */
    public static MemorySegment allocateIfreq(Arena arena, String name, short flags) {
        MemorySegment struct = arena.allocate(IFREQ_BYTES, 8);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, struct, ValueLayout.JAVA_BYTE, 0, bytes.length);
        struct.set(Libc.C_SHORT, IFR_FLAGS_OFFSET, flags);
        return struct;
    }

    /** The ifreq's name, up to its NUL (TUNSETIFF writes the name the kernel chose). */
    public static String ifreqName(MemorySegment struct) {
        return struct.asSlice(0, IFNAMSIZ).getString(0, StandardCharsets.US_ASCII);
    }
}
