package io.jlvs.core.conn;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.sched.Scheduler;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.testkit.FakeClock;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A table, a scheduler and a clock wired together for tests. */
final class ConnFixture {
    final FakeClock clock = new FakeClock(1_000_000_000_000L);
    final ProtocolStates states = new ProtocolStates();
    final DestinationRegistry registry = new DestinationRegistry();
    final ConnectionTable table;
    final ConnectionScheduler scheduler;

    ConnFixture(int capacity) {
        this(capacity, ConnectionOptions.DEFAULT);
    }

    ConnFixture(int capacity, ConnectionOptions options) {
        table = new ConnectionTable(capacity, states, registry, options, clock.nanos());
        scheduler = new ConnectionScheduler(table);
    }

    /** A table that starts with initialCapacity slots and grows up to maxCapacity. */
    ConnFixture(int initialCapacity, int maxCapacity) {
        table = new ConnectionTable(initialCapacity, maxCapacity, states, registry, ConnectionOptions.DEFAULT,
                clock.nanos());
        scheduler = new ConnectionScheduler(table);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static int v4(String literal) {
        byte[] b = ip(literal).getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    static VirtualService service(Protocol protocol, String vip, int port, Scheduler scheduler) {
        return new VirtualService(new ServiceSpec(new ServiceKey.Address(protocol, ip(vip), port), "test", 0, 0,
                ServiceSpec.DEFAULT_NETMASK_V4, ""), scheduler);
    }

    static VirtualService persistentService(ServiceKey key, int timeoutSeconds, String netmask) {
        return new VirtualService(new ServiceSpec(key, "test", ServiceFlags.PERSISTENT, timeoutSeconds,
                v4(netmask), ""), new FirstAvailableScheduler());
    }

    static RealServer addDest(VirtualService service, String address, int port, ForwardMethod method) {
        return service.addDestination(DestinationSpec.of(ip(address), port, method, 1));
    }

    static RealServer addDest(VirtualService service, String address, int port, int upper, int lower) {
        return service.addDestination(new DestinationSpec(ip(address), port, ForwardMethod.MASQ, 1, upper, lower,
                TunnelType.IPIP, 0, TunnelFlags.NOCSUM));
    }

    static Flow request(Protocol protocol, String client, int clientPort, String vip, int vport) {
        return new Flow().set(protocol, ip(client), clientPort, ip(vip), vport);
    }

    static Flow reply(Protocol protocol, RealServer server, int serverPort, String client, int clientPort) {
        return new Flow().set(protocol, server.address(), serverPort, ip(client), clientPort);
    }

    long now() {
        return clock.nanos();
    }

    /** Advances the clock and runs the timers. */
    int advance(long seconds) {
        clock.advanceSeconds(seconds);
        return table.expire(clock.nanos());
    }

    /** Runs the timers a fraction past now so entries expired "now" go. */
    int settle() {
        clock.advance(ConnectionTable.TICK_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
        return table.expire(clock.nanos());
    }
}
