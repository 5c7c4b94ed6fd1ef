package io.jlvs.io.linux.netlink;

/** A route's type (rtnetlink's RTN_*), in the kernel's order, so the ordinal is the number. */
public enum RouteType {
    UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE;

    private static final RouteType[] BY_NUMBER = values();

    /** The type of a kernel number (numbers past the known ones read as UNSPEC). */
    static RouteType of(int number) {
        return number < BY_NUMBER.length ? BY_NUMBER[number] : UNSPEC;
    }
}
