package io.jlvs.io.linux.netlink;

/**
 * A network interface as RTM_GETLINK describes it.
 *
 * @param index   the interface index
 * @param name    its name
 * @param address its link-layer address, or null when it has none (a TUN device)
 * @param mtu     its MTU
 * @param flags   its IFF_* flags
 * @param kind    its driver kind ("veth", "dummy", "tun"), or null for a plain device (lo, a NIC)
 */
public record Link(int index, String name, HardwareAddress address, int mtu, int flags, String kind) {
    /** IFF_UP: administratively up. */
    public static final int IFF_UP = 0x1;
    /** IFF_LOOPBACK. */
    public static final int IFF_LOOPBACK = 0x8;
    /** IFF_RUNNING: operationally up. */
    public static final int IFF_RUNNING = 0x40;
    /** IFF_LOWER_UP: the carrier is present. */
    public static final int IFF_LOWER_UP = 0x10000;

    /** Whether it is set up (ip's "UP"). */
    public boolean up() {
        return (flags & IFF_UP) != 0;
    }

    /** Whether it has a carrier (ip's "LOWER_UP"). */
    public boolean lowerUp() {
        return (flags & IFF_LOWER_UP) != 0;
    }
}
