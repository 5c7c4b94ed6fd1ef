package io.jlvs.cli.ipvsadm;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;

import java.net.InetAddress;

/**
 * ipvsadm's addrport_to_anyname: "addr:port", IPv6 in brackets, with host and service names
 * unless -n, cut to its 60-byte buffer.
 */
final class EndpointNames {

    private static final int BUFFER = 60;

    private final NameResolver resolver;

    EndpointNames(NameResolver resolver) {
        this.resolver = resolver;
    }

    /** The endpoint's text; protocol null (a persistence template) never has a service name. */
    String format(InetAddress address, int port, Protocol protocol, boolean numeric) {
        boolean v6 = AddressFamily.of(address) == AddressFamily.INET6;
        String host;
        String service;
        if (numeric) {
            host = InetText.format(address);
            service = Integer.toString(port);
        } else {
            host = resolver.hostName(address).orElseGet(() -> InetText.format(address));
            service = protocol == null ? Integer.toString(port)
                    : resolver.serviceName(port, protocol).orElseGet(() -> Integer.toString(port));
        }
        StringBuilder text = new StringBuilder(host.length() + service.length() + 3);
        if (v6) {
            text.append('[').append(host).append(']');
        } else {
            text.append(host);
        }
        text.append(':').append(service);
        return text.length() > BUFFER - 1 ? text.substring(0, BUFFER - 1) : text.toString();
    }
}
