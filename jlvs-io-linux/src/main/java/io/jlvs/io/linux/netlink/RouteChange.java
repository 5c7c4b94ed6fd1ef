package io.jlvs.io.linux.netlink;

/**
 * A change the kernel announced to a {@link RouteNetlinkMonitor}: a link, address, route or
 * neighbour added (or changed) or removed, or the news that changes were lost and the tables
 * must be read again.
 */
public sealed interface RouteChange {

    /** A link appeared, changed (up, down, renamed, ...) or was removed. */
    record LinkChange(Link link, boolean removed) implements RouteChange {
    }

    /** An address was added or removed. */
    record AddressChange(InterfaceAddress address, boolean removed) implements RouteChange {
    }

    /** A route was added, replaced or removed. */
    record RouteTableChange(Route route, boolean removed) implements RouteChange {
    }

    /** A neighbour entry was created, changed state or address, or was removed. */
    record NeighbourChange(Neighbour neighbour, boolean removed) implements RouteChange {
    }

    /** The kernel dropped notifications (the socket's buffer was full): what is known may be stale. */
    record ChangesLost() implements RouteChange {
    }
}
