package io.jlvs.io.linux.netlink;

/** The rtnetlink multicast groups (RTNLGRP_*) a {@link RouteNetlinkMonitor} can subscribe to. */
public enum RouteChangeGroup {
    LINK(1), NEIGHBOUR(3), IPV4_ADDRESS(5), IPV4_ROUTE(7), IPV6_ADDRESS(9), IPV6_ROUTE(11);

    private final int number;

    RouteChangeGroup(int number) {
        this.number = number;
    }

    /** The group's bit in sockaddr_nl's nl_groups. */
    int bit() {
        return 1 << (number - 1);
    }
}
