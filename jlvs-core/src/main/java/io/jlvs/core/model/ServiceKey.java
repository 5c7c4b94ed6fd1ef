package io.jlvs.core.model;

import java.net.InetAddress;
import java.util.Objects;

/** What identifies a virtual service: protocol, address and port, or a firewall mark. */
public sealed interface ServiceKey permits ServiceKey.Address, ServiceKey.Mark {

    /** The family of the service (for a mark service, the one chosen with -6). */
    AddressFamily family();

    /** A TCP, UDP or SCTP service on an address and port (port 0 only for persistent services). */
    record Address(Protocol protocol, InetAddress address, int port) implements ServiceKey {
        public Address {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            Ports.check("port", port);
        }

        @Override
        public AddressFamily family() {
            return AddressFamily.of(address);
        }
    }

    /** A firewall-mark service (-f MARK, with -6 for IPv6). */
    record Mark(AddressFamily family, int mark) implements ServiceKey {
        public Mark {
            Objects.requireNonNull(family, "family");
        }
    }
}
