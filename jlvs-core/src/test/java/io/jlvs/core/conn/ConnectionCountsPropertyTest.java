package io.jlvs.core.conn;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import io.jlvs.core.proto.PacketDirection;
import io.jlvs.core.proto.SctpStateTable;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static io.jlvs.core.conn.ConnFixture.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random traffic over TCP, UDP, SCTP and persistent services, with destinations deleted and
 * re-added, options and timeouts changed and time jumping: ActiveConn and InActConn never go
 * negative, and per destination they add up to the live connections bound to it, ActiveConn to
 * those not INACTIVE, PersistConn to the live templates.
 */
class ConnectionCountsPropertyTest {
    private static final int MAX_CAPACITY = 512;

    private record Service(VirtualService service, Protocol protocol, int port, List<DestinationSpec> specs) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void countsStayConsistentUnderRandomEvents(long defaultSeed) {
        run(defaultSeed, MAX_CAPACITY);
    }

    /** The same, with a table that starts at four slots and grows (to its maximum, where it is full). */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void countsStayConsistentWhileTheTableGrows(long defaultSeed) {
        run(defaultSeed, 4);
    }

    private static void run(long defaultSeed, int initialCapacity) {
        long seed = Seeds.seed(defaultSeed);
        RandomGenerator random = Seeds.random(seed);
        ConnFixture fx = new ConnFixture(initialCapacity, MAX_CAPACITY);
        List<Service> services = new ArrayList<>();
        List<RealServer> servers = new ArrayList<>();
        services.add(make(ConnFixture.service(Protocol.TCP, "10.0.0.1", 80, new CyclingScheduler()), Protocol.TCP, 80,
                servers, ForwardMethod.MASQ, ForwardMethod.DROUTE, ForwardMethod.TUNNEL));
        services.add(make(ConnFixture.service(Protocol.UDP, "10.0.0.1", 53, new CyclingScheduler()), Protocol.UDP, 53,
                servers, ForwardMethod.MASQ, ForwardMethod.DROUTE));
        services.add(make(ConnFixture.service(Protocol.SCTP, "10.0.0.1", 3868, new CyclingScheduler()), Protocol.SCTP,
                3868, servers, ForwardMethod.MASQ, ForwardMethod.DROUTE));
        services.add(make(ConnFixture.persistentService(new ServiceKey.Address(Protocol.TCP, ip("10.0.0.2"), 443), 60,
                "255.255.255.0"), Protocol.TCP, 443, servers, ForwardMethod.MASQ, ForwardMethod.DROUTE));
        Flow flow = new Flow();

        for (int step = 0; step < 20_000; step++) {
            String where = "seed " + seed + " step " + step;
            int action = random.nextInt(100);
            if (action < 30) {
                Service s = services.get(random.nextInt(services.size()));
                flow.setIpv4(s.protocol(), 0xC0A80000 | random.nextInt(4) << 8 | random.nextInt(1, 6),
                        1024 + random.nextInt(40), s.service().key() instanceof ServiceKey.Address a
                                ? ConnFixture.v4(a.address().getHostAddress()) : 0, s.port());
                int existing = fx.table.findInbound(flow);
                if (existing == ConnectionTable.NONE
                        || fx.table.admit(existing, fx.now()) == ConnectionTable.RESCHEDULE) {
                    int slot = fx.scheduler.schedule(s.service(), flow, fx.now());
                    if (slot >= 0 && fx.table.isLive(slot)
                            && (fx.table.flags(slot) & ConnectionFlags.ONE_PACKET) == 0) {
                        assertEquals(slot, fx.table.findInbound(flow), where);
                    }
                }
            } else if (action < 80) {
                int slot = random.nextInt(fx.table.capacity());
                if (fx.table.isLive(slot) && !fx.table.isTemplate(slot)
                        && fx.table.admit(slot, fx.now()) == ConnectionTable.ADMIT) {
                    int event = switch (fx.table.protocol(slot)) {
                        case 6 -> TcpStateTable.event(random.nextInt(0x20));
                        case 132 -> SctpStateTable.event(random.nextInt(16));
                        default -> 0;
                    };
                    if (random.nextBoolean()) {
                        fx.table.inbound(slot, event, random.nextInt(1500), fx.now());
                    } else {
                        fx.table.outbound(slot, event, random.nextInt(1500), fx.now());
                    }
                }
            } else if (action < 90) {
                fx.advance(random.nextInt(action == 89 ? 2_000 : 40));
            } else if (action < 95) {
                Service s = services.get(random.nextInt(services.size()));
                DestinationSpec spec = s.specs().get(random.nextInt(s.specs().size()));
                RealServer current = s.service().find(spec.address(), spec.port());
                if (current != null) {
                    s.service().removeDestination(current);
                } else {
                    s.service().addDestination(spec);
                }
            } else if (action < 97) {
                fx.table.setOptions(new ConnectionOptions(random.nextBoolean(), random.nextBoolean()));
            } else {
                fx.states.setTimeouts(new Timeouts(random.nextInt(0, 1000), random.nextInt(0, 200),
                        random.nextInt(0, 400)));
            }
            check(fx, servers, where);
        }
    }

    private static Service make(VirtualService service, Protocol protocol, int port, List<RealServer> servers,
                                ForwardMethod... methods) {
        List<DestinationSpec> specs = new ArrayList<>();
        for (int i = 0; i < methods.length; i++) {
            DestinationSpec spec = new DestinationSpec(ip("10.1." + servers.size() + "." + (i + 1)), port,
                    methods[i], 1 + i, i == 0 ? 6 : 0, i == 0 ? 2 : 0, TunnelType.IPIP, 0, TunnelFlags.NOCSUM);
            specs.add(spec);
            servers.add(service.addDestination(spec));
        }
        return new Service(service, protocol, port, specs);
    }

    private static void check(ConnFixture fx, List<RealServer> servers, String where) {
        int live = 0;
        for (RealServer server : servers) {
            int total = 0;
            int active = 0;
            int templates = 0;
            for (int slot = 0; slot < fx.table.capacity(); slot++) {
                if (!fx.table.isLive(slot) || fx.table.destination(slot) != server) {
                    continue;
                }
                if (fx.table.isTemplate(slot)) {
                    templates++;
                } else {
                    total++;
                    if ((fx.table.flags(slot) & ConnectionFlags.INACTIVE) == 0) {
                        active++;
                    }
                }
            }
            assertTrue(server.activeConns() >= 0, where);
            assertTrue(server.inactConns() >= 0, where);
            assertEquals(total, server.activeConns() + server.inactConns(), where + " " + server);
            assertEquals(active, server.activeConns(), where + " " + server);
            assertEquals(templates, server.persistConns(), where + " " + server);
            live += total + templates;
        }
        assertEquals(live, fx.table.size(), where);
    }
}
