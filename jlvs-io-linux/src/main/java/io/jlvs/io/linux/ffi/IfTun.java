package io.jlvs.io.linux.ffi;

/**
 * The TUN/TAP driver's interface, &lt;linux/if_tun.h&gt;: the device node, the request that makes
 * (or attaches to) a device, and its flags.
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

    private IfTun() {
    }
}
