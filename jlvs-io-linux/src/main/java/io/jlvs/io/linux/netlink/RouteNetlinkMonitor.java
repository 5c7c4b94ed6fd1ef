package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Changes to links, addresses, routes and neighbours as the kernel announces them (what
 * {@code ip monitor} shows): a NETLINK_ROUTE socket subscribed to some groups, read by one thread
 * with {@link #poll}. Like {@link RouteNetlink}, it watches the network namespace of the thread
 * that opened it.
 */
public final class RouteNetlinkMonitor implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    private static final int ENOBUFS = 105;

    private final NetlinkSocket socket;

    private RouteNetlinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** A monitor of these groups, in the calling thread's network namespace. */
    public static RouteNetlinkMonitor open(Set<RouteChangeGroup> groups) throws NetlinkException {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a monitor needs at least one group to watch");
        }
        int bits = 0;
        for (RouteChangeGroup group : groups) {
            bits |= group.bit();
        }
        return new RouteNetlinkMonitor(NetlinkSocket.open(NETLINK_ROUTE, bits));
    }

    /**
     * Waits up to the timeout for changes and hands each to the listener, in the kernel's order;
     * returns how many it handed (0 when none came in time). Lost notifications are handed as one
     * {@link RouteChange.ChangesLost}.
     */
    public int poll(Duration timeout, Consumer<? super RouteChange> listener) throws NetlinkException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        int[] handed = {0};
        try {
            socket.notifications(millis, (type, buffer, payload, end) -> {
                RouteChange change = read(type, buffer, payload, end);
                if (change != null) {
                    listener.accept(change);
                    handed[0]++;
                }
            });
        } catch (NetlinkException e) {
            if (e.errno() != ENOBUFS) {
                throw e;
            }
            listener.accept(new RouteChange.ChangesLost());
            handed[0]++;
        }
        return handed[0];
    }

    /** The change a notification announces (each RTM_DEL* is its RTM_NEW* + 1), or null for one jlvs ignores. */
    private static RouteChange read(int type, MemorySegment buffer, long payload, long end) {
        boolean removed = (type & 1) == 1;
        return switch (type & ~1) {
            case InterfaceInfoMessage.RTM_NEWLINK -> change(RouteMessageReader.link(buffer, payload, end),
                    link -> new RouteChange.LinkChange(link, removed));
            case InterfaceAddressMessage.RTM_NEWADDR -> change(RouteMessageReader.address(buffer, payload, end),
                    address -> new RouteChange.AddressChange(address, removed));
            case RouteMessage.RTM_NEWROUTE -> change(RouteMessageReader.route(buffer, payload, end),
                    route -> new RouteChange.RouteTableChange(route, removed));
            case NeighbourMessage.RTM_NEWNEIGH -> change(RouteMessageReader.neighbour(buffer, payload, end),
                    neighbour -> new RouteChange.NeighbourChange(neighbour, removed));
            default -> null;
        };
    }

    private static <T> RouteChange change(T value, Function<T, RouteChange> wrap) {
        return value == null ? null : wrap.apply(value);
    }

    @Override
    public void close() {
        socket.close();
    }
}
