package io.jlvs.core.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server of a virtual service as configured: everything ipvsadm -a/-e sets.
 *
 * @param address        the real server's address
 * @param port           its port (forced to the service port for DR and TUN)
 * @param method         the forwarding method
 * @param weight         0..65535; 0 quiesces the server
 * @param upperThreshold -x: connections above which the server is OVERLOADED (0 = no limit)
 * @param lowerThreshold -y: connections below which an OVERLOADED server is usable again
 * @param tunnelType     the encapsulation, for TUNNEL
 * @param tunnelPort     the tunnel's UDP port (GUE), else 0
 * @param tunnelFlags    TunnelFlags bits
 */
public record DestinationSpec(InetAddress address, int port, ForwardMethod method, int weight,
                              int upperThreshold, int lowerThreshold,
                              TunnelType tunnelType, int tunnelPort, int tunnelFlags) {

    public static final int MAX_WEIGHT = 65535;

    public DestinationSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tunnelType, "tunnelType");
        Ports.check("port", port);
        Ports.check("tunnelPort", tunnelPort);
    }

    /** A destination with defaults for everything but address, port, method and weight. */
    public static DestinationSpec of(InetAddress address, int port, ForwardMethod method, int weight) {
        return new DestinationSpec(address, port, method, weight, 0, 0, TunnelType.IPIP, 0, TunnelFlags.NOCSUM);
    }

    /** Whether this destination is the same real server (address and port) as another. */
    public boolean sameServer(InetAddress otherAddress, int otherPort) {
        return address.equals(otherAddress) && port == otherPort;
    }
}
