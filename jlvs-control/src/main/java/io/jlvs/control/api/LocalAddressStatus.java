package io.jlvs.control.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One FULLNAT local address with Alibaba's counts: the source-port conflicts met on it
 * (CONFLICTS) and the connections holding it now (CONNS).
 */
public record LocalAddressStatus(InetAddress address, long conflicts, int connections) {
    public LocalAddressStatus {
        Objects.requireNonNull(address, "address");
    }
}
