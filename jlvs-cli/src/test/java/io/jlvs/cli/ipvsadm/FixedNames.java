package io.jlvs.cli.ipvsadm;

import io.jlvs.core.model.Protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A NameResolver with a fixed table, standing in for /etc/hosts, DNS and /etc/services. */
final class FixedNames implements NameResolver {

    private final Map<String, Inet4Address> hosts = new HashMap<>();
    private final Map<InetAddress, String> reverse = new HashMap<>();
    private final ServicesFile services = ServicesFile.of(java.util.List.of(
            "http 80/tcp www # WorldWideWeb HTTP",
            "https 443/tcp",
            "domain 53/tcp",
            "domain 53/udp",
            "sip 5060/udp",
            "sip 5060/tcp"));

    FixedNames host(String name, String address) {
        Inet4Address a = (Inet4Address) InetText.parseIpv4(address).orElseThrow();
        hosts.put(name, a);
        return this;
    }

    FixedNames reverse(String address, String name) {
        InetAddress a = address.contains(":") ? InetText.parseIpv6(address).orElseThrow()
                : InetText.parseIpv4(address).orElseThrow();
        reverse.put(a, name);
        return this;
    }

    @Override
    public Optional<Inet4Address> hostAddress(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    @Override
    public Optional<String> hostName(InetAddress address) {
        return Optional.ofNullable(reverse.get(address));
    }

    @Override
    public OptionalInt servicePort(String name, Protocol protocol) {
        return services.port(name, protocol);
    }

    @Override
    public Optional<String> serviceName(int port, Protocol protocol) {
        return services.name(port, protocol);
    }
}
