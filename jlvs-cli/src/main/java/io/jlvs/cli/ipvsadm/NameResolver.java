package io.jlvs.cli.ipvsadm;

import io.jlvs.core.model.Protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The name lookups ipvsadm does through libc: gethostbyname, gethostbyaddr, getservbyname and
 * getservbyport. Tests pass a fixed table; the command line uses {@link SystemNameResolver}.
 */
public interface NameResolver {

    /** gethostbyname: the first IPv4 address of a host name. */
    Optional<Inet4Address> hostAddress(String name);

    /** gethostbyaddr: the host name of an address. */
    Optional<String> hostName(InetAddress address);

    /** getservbyname: the port of a service name for TCP, UDP or SCTP. */
    OptionalInt servicePort(String name, Protocol protocol);

    /** getservbyport: the official service name of a port for TCP, UDP or SCTP. */
    Optional<String> serviceName(int port, Protocol protocol);

    /** A resolver that knows no names at all, which makes every listing numeric. */
    NameResolver NONE = new NameResolver() {
        @Override
        public Optional<Inet4Address> hostAddress(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> hostName(InetAddress address) {
            return Optional.empty();
        }

        @Override
        public OptionalInt servicePort(String name, Protocol protocol) {
            return OptionalInt.empty();
        }

        @Override
        public Optional<String> serviceName(int port, Protocol protocol) {
            return Optional.empty();
        }
    };
}
