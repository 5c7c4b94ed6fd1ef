package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;

/** Service tables for the golden listing tests, built as jlvsd would return them. */
final class Table {

    private Table() {
    }

    static InetAddress ip(String text) {
        return text.contains(":") ? InetText.parseIpv6(text).orElseThrow() : InetText.parseIpv4(text).orElseThrow();
    }

    static ServiceKey tcp(String address, int port) {
        return new ServiceKey.Address(Protocol.TCP, ip(address), port);
    }

    static ServiceKey udp(String address, int port) {
        return new ServiceKey.Address(Protocol.UDP, ip(address), port);
    }

    static DestinationStatus dest(String address, int port, ForwardMethod method, int weight, int active, int inactive) {
        return new DestinationStatus(DestinationSpec.of(ip(address), port, method, weight), active, inactive, 0,
                TrafficStats.ZERO, TrafficRates.ZERO);
    }

    static ServiceStatus service(ServiceSpec spec, DestinationStatus... destinations) {
        return new ServiceStatus(spec, TrafficStats.ZERO, TrafficRates.ZERO, List.of(destinations));
    }

    static ServiceSpec spec(ServiceKey key, String scheduler) {
        return new ServiceSpec(key, scheduler, 0, 0, key.family() == AddressFamily.INET6 ? 128 : 0xFFFFFFFF, "");
    }

    /**
     * Seven services in jlvsd's (unsorted) order, with destinations newest first: TCP, UDP,
     * fwmark v4 and v6, persistent with mask and pe, one-packet, scheduler flags, every
     * forwarding method and tunnel type, and counters big enough for K, M, G and T.
     */
    static Reply.Services mixed() {
        ServiceStatus s1 = new ServiceStatus(spec(tcp("10.0.0.1", 80), "wlc"),
                new TrafficStats(1234, 99_999_999, 100_000_000, 123_456_789_012L, 123_456_789_012_345_678L),
                new TrafficRates(5, 10, 100_000_000, 999_999_999, 1_000_000_000),
                List.of(new DestinationStatus(DestinationSpec.of(ip("192.168.1.2"), 80, ForwardMethod.DROUTE, 1),
                                3, 7, 2, new TrafficStats(1, 2, 3, 4, 5), new TrafficRates(1, 100_000_000, 3, 4, 100_000_000_000L)),
                        new DestinationStatus(new DestinationSpec(ip("192.168.1.1"), 8080, ForwardMethod.MASQ, 2, 100, 50,
                                TunnelType.IPIP, 0, TunnelFlags.NOCSUM), 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO)));
        ServiceStatus s2 = service(new ServiceSpec(udp("10.0.0.1", 53), "rr", ServiceFlags.PERSISTENT, 360, 0xFFFFFF00, ""),
                dest("192.168.1.3", 53, ForwardMethod.TUNNEL, 0, 0, 0));
        ServiceStatus s3 = service(new ServiceSpec(new ServiceKey.Mark(AddressFamily.INET, 7), "sh", ServiceFlags.SCHED2,
                0, 0xFFFFFFFF, ""), dest("192.168.1.4", 0, ForwardMethod.DROUTE, 1, 0, 0));
        ServiceStatus s4 = service(new ServiceSpec(tcp("192.168.0.1", 443), "wrr", ServiceFlags.PERSISTENT, 60, 0xFFFFFFFF, "sip"),
                dest("10.1.1.1", 443, ForwardMethod.FULLNAT, 5, 1, 2));
        ServiceStatus s5 = service(new ServiceSpec(new ServiceKey.Mark(AddressFamily.INET6, 3), "rr", ServiceFlags.PERSISTENT,
                300, 64, ""), dest("2001:db8::10", 0, ForwardMethod.DROUTE, 1, 0, 0));
        ServiceStatus s6 = service(new ServiceSpec(udp("10.0.0.2", 5060), "rr", ServiceFlags.ONEPACKET, 0, 0xFFFFFFFF, ""));
        ServiceStatus s7 = service(new ServiceSpec(tcp("10.0.0.1", 8080), "lc", ServiceFlags.SCHED1 | ServiceFlags.SCHED3, 0,
                        0xFFFFFFFF, ""),
                new DestinationStatus(new DestinationSpec(ip("192.168.1.5"), 8080, ForwardMethod.TUNNEL, 1, 0, 0,
                        TunnelType.GRE, 0, TunnelFlags.CSUM), 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO),
                new DestinationStatus(new DestinationSpec(ip("192.168.1.2"), 8080, ForwardMethod.TUNNEL, 3, 0, 0,
                        TunnelType.GUE, 6080, TunnelFlags.CSUM), 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO));
        return new Reply.Services(4096, List.of(s1, s2, s3, s4, s5, s6, s7));
    }

    /** No service has local addresses. */
    static final Reply.LocalAddresses NO_LOCAL_ADDRESSES = new Reply.LocalAddresses(List.of());

    /**
     * jlvsd answering listings: services to GetServices, locals to GetLocalAddresses (what -S asks
     * after the services), Ok to anything else.
     */
    static Function<Request, Reply> listing(Reply services, Reply locals) {
        return request -> switch (request) {
            // a jlvsd without a formatter answers a numeric listing with the services
            case Query.GetServices _, Query.GetListing _ -> services;
            case Query.GetLocalAddresses q -> locals;
            default -> new Reply.Ok();
        };
    }

    /** The same with no local addresses. */
    static Function<Request, Reply> listing(Reply services) {
        return listing(services, NO_LOCAL_ADDRESSES);
    }

    /**
     * Local addresses of three services of {@link #mixed()}, in the reply's order (the kernel's,
     * which -S keeps): one service with none, an IPv4 one with two, a firewall mark with one.
     */
    static Reply.LocalAddresses mixedLocalAddresses() {
        return new Reply.LocalAddresses(List.of(
                new ServiceLocalAddresses(tcp("192.168.0.1", 443), List.of()),
                new ServiceLocalAddresses(tcp("10.0.0.1", 80), List.of(
                        new LocalAddressStatus(ip("172.16.0.2"), 0, 12),
                        new LocalAddressStatus(ip("172.16.0.1"), 4_294_967_296L, 0))),
                new ServiceLocalAddresses(new ServiceKey.Mark(AddressFamily.INET, 7), List.of(
                        new LocalAddressStatus(ip("172.16.0.9"), 1, 2)))));
    }
}
