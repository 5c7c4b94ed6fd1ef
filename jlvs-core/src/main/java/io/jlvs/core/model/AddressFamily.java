package io.jlvs.core.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** IPv4 or IPv6, as AF_INET and AF_INET6. */
public enum AddressFamily {
    INET,
    INET6;

    /** The family of an address. */
    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? INET6 : INET;
    }
}
