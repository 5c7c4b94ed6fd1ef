package io.jlvs.daemon.packet;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.service.Addresses;
import io.jlvs.director.NextHopResolver;
import io.jlvs.io.linux.netlink.InterfaceAddress;
import io.jlvs.io.linux.netlink.Link;
import io.jlvs.io.linux.netlink.Neighbour;
import io.jlvs.io.linux.netlink.NetlinkException;
import io.jlvs.io.linux.netlink.NeighbourState;
import io.jlvs.io.linux.netlink.Route;
import io.jlvs.io.linux.netlink.RouteNetlink;
import io.jlvs.io.linux.netlink.RouteType;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Next hops from the kernel's own tables, as the seeds' setups expect (routes and ARP as the
 * director's kernel has them): the route to the destination (ip route get), then the neighbour
 * entry of its next hop, asking the kernel to resolve it (ip neigh ... use) and waiting for the
 * answer up to {@link #RESOLVE_WAIT}. One rtnetlink socket, used by one resolving thread at a time.
 */
final class KernelNextHops implements NextHopResolver {
    /** How long to wait for ARP or ND to answer (the kernel itself retries for about 3 s). */
    static final Duration RESOLVE_WAIT = Duration.ofSeconds(3);
    private static final long POLL_MILLIS = 20;
    private static final long ASK_AGAIN_MILLIS = 500;

    private final RouteNetlink netlink;

    KernelNextHops(RouteNetlink netlink) {
        this.netlink = netlink;
    }

    @Override
    public synchronized NextHop resolve(int family, int[] words) throws NextHopException {
        InetAddress destination = Addresses.fromWords(family == 6 ? AddressFamily.INET6 : AddressFamily.INET, words);
        try {
            Route route = netlink.route(destination);
            if (route.type() != RouteType.UNICAST) {
                throw new NextHopException("the route to " + destination.getHostAddress() + " is "
                        + route.type().name().toLowerCase() + ", not one jlvsd can send by");
            }
            Link link = netlink.link(route.outputInterface());
            InetAddress hop = route.nextHop();
            byte[] mac = neighbour(link, hop);
            return new NextHop(link.index(), macValue(mac), Addresses.words(source(route, link, family)));
        } catch (NetlinkException e) {
            throw new NextHopException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NextHopException("interrupted while resolving " + destination.getHostAddress());
        }
    }

    private byte[] neighbour(Link link, InetAddress hop) throws NetlinkException, InterruptedException,
            NextHopException {
        long deadline = System.nanoTime() + RESOLVE_WAIT.toNanos();
        long askAt = 0;
        while (true) {
            Optional<Neighbour> entry = netlink.neighbour(link.name(), hop);
            if (entry.isPresent() && entry.get().state().valid() && entry.get().linkAddress() != null) {
                return entry.get().linkAddress().bytes();
            }
            long now = System.nanoTime();
            if (now - deadline >= 0 || entry.isPresent() && entry.get().state() == NeighbourState.FAILED
                    && askAt != 0 && now - askAt > Duration.ofSeconds(1).toNanos()) {
                throw new NextHopException("no answer to " + (hop instanceof Inet4Address ? "ARP" : "neighbour"
                        + " solicitation") + " for " + hop.getHostAddress() + " on " + link.name());
            }
            if (askAt == 0 || now - askAt > Duration.ofMillis(ASK_AGAIN_MILLIS).toNanos()) {
                netlink.resolveNeighbour(link.name(), hop);
                askAt = now;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The director's address toward the next hop: the route's preferred source, else the link's first. */
    private InetAddress source(Route route, Link link, int family) throws NetlinkException, NextHopException {
        if (route.preferredSource() != null) {
            return route.preferredSource();
        }
        for (InterfaceAddress address : netlink.addresses(link.name())) {
            if ((address.address() instanceof Inet4Address) == (family == 4)) {
                return address.address();
            }
        }
        throw new NextHopException(link.name() + " has no IPv" + family + " address to send from");
    }

    /** A MAC address as the engine holds one: 48 bits in a long. */
    static long macValue(byte[] mac) {
        long value = 0;
        for (byte b : mac) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }
}
