package io.jlvs.control;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import io.jlvs.core.sched.SchedulerRegistry;

import java.net.InetAddress;
import java.util.Map;
import java.util.OptionalInt;

/** Builders for the services, real servers and hosts the control tests use. */
final class TestTables {
    /** The kernel's "no scheduler" name: accepted whatever the SchedulerRegistry holds. */
    static final String NONE = "none";

    private TestTables() {
    }

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    static ServiceKey tcp(String address, int port) {
        return new ServiceKey.Address(Protocol.TCP, ip(address), port);
    }

    static ServiceKey udp(String address, int port) {
        return new ServiceKey.Address(Protocol.UDP, ip(address), port);
    }

    static ServiceKey mark(int mark) {
        return new ServiceKey.Mark(AddressFamily.INET, mark);
    }

    static ServiceSpec service(ServiceKey key) {
        return service(key, NONE);
    }

    static ServiceSpec service(ServiceKey key, String scheduler) {
        int netmask = key.family() == AddressFamily.INET6 ? ServiceSpec.DEFAULT_PREFIX_V6 : ServiceSpec.DEFAULT_NETMASK_V4;
        return new ServiceSpec(key, scheduler, 0, 0, netmask, "");
    }

    static ServiceSpec persistent(ServiceKey key, String engine) {
        return new ServiceSpec(key, NONE, ServiceFlags.PERSISTENT, 300, ServiceSpec.DEFAULT_NETMASK_V4, engine);
    }

    static DestinationSpec dest(String address, int port) {
        return DestinationSpec.of(ip(address), port, ForwardMethod.MASQ, 1);
    }

    static DestinationSpec dest(String address, int port, ForwardMethod method, int weight) {
        return DestinationSpec.of(ip(address), port, method, weight);
    }

    static DestinationSpec thresholds(String address, int port, int upper, int lower) {
        return new DestinationSpec(ip(address), port, ForwardMethod.MASQ, 1, upper, lower, TunnelType.IPIP, 0,
                TunnelFlags.NOCSUM);
    }

    static DestinationSpec gue(String address, int port, int tunnelPort) {
        return new DestinationSpec(ip(address), port, ForwardMethod.TUNNEL, 1, 0, 0, TunnelType.GUE, tunnelPort,
                TunnelFlags.NOCSUM);
    }

    static SyncDaemonSpec daemon(SyncDaemonSpec.State state, String iface) {
        return new SyncDaemonSpec(state, iface, 1, 0, "", 0, 0);
    }

    /** A host with interfaces lo (MTU 65536) and eth0 (1500), no local link-local addresses. */
    static HostFacts host() {
        Map<String, Integer> mtus = Map.of("lo", 65536, "eth0", 1500);
        return new HostFacts() {
            @Override
            public boolean schedulerExists(String name) {
                return SchedulerRegistry.exists(name);
            }

            @Override
            public boolean persistenceEngineExists(String name) {
                return "sip".equals(name);
            }

            @Override
            public OptionalInt interfaceMtu(String name) {
                Integer mtu = mtus.get(name);
                return mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu);
            }

            @Override
            public boolean isLocalAddress(InetAddress address) {
                return false;
            }
        };
    }
}
