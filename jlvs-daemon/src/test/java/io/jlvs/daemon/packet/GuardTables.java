package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;

import java.net.InetAddress;
import java.util.List;

/** Services and real servers for the kernel guard's tests, written as ipvsadm would take them. */
final class GuardTables {
    private GuardTables() {
    }

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    static ServiceKey key(Protocol protocol, String address, int port) {
        return new ServiceKey.Address(protocol, ip(address), port);
    }

    /** A service (persistent when its port is 0, as ipvsadm requires) with these real servers. */
    static ServiceEntry service(ServiceKey key, DestinationSpec... destinations) {
        boolean anyPort = key instanceof ServiceKey.Address a && a.port() == 0;
        int netmask = key.family() == AddressFamily.INET6 ? ServiceSpec.DEFAULT_PREFIX_V6 : ServiceSpec.DEFAULT_NETMASK_V4;
        ServiceSpec spec = new ServiceSpec(key, "rr", anyPort ? ServiceFlags.PERSISTENT : 0,
                anyPort ? ServiceSpec.DEFAULT_PERSISTENCE_TIMEOUT : 0, netmask, "");
        return new ServiceEntry(spec, List.of(destinations));
    }

    static ServiceEntry tcp(String address, int port, DestinationSpec... destinations) {
        return service(key(Protocol.TCP, address, port), destinations);
    }

    static DestinationSpec real(String address, int port, ForwardMethod method) {
        return DestinationSpec.of(ip(address), port, method, 1);
    }

    static ServiceTable table(ServiceEntry... services) {
        ServiceTable table = ServiceTable.EMPTY;
        for (ServiceEntry service : services) {
            table = table.withServiceAdded(service);
        }
        return table;
    }
}
