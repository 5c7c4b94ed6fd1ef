package io.jlvs.daemon.realserver;

import io.jlvs.cli.ipvsadm.InetText;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A VIP as a host address on a device (/32 or /128), labelled as {@code ifconfig lo:0} labels it.
 *
 * @param vip the address
 * @param device where it goes: lo, or tunl0 for the kernel's ipip
 * @param label the IPv4 label (lo:0); IPv6 addresses have none
 * @param whyItMatters what goes wrong without it
 */
record VipAddress(InetAddress vip, String device, String label, String whyItMatters) implements Requirement {
    /** 32 for IPv4, 128 for IPv6: the VIP alone, no subnet. */
    int prefixLength() {
        return vip instanceof Inet4Address ? 32 : 128;
    }

    /** VIP/prefix. */
    String cidr() {
        return InetText.format(vip) + "/" + prefixLength();
    }
}
