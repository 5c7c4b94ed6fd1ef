package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.engine.DataPlane;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.LocalEngine;
import io.jlvs.core.engine.ServiceConfig;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.sched.SchedulerRegistry;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One judge: random command sequences of every kind KernelRules accepts or refuses go through the
 * ServiceManager with an engine core attached, and after every step the engine holds exactly the
 * manager's table (services in order, specs, real servers in order, local addresses in order,
 * timeouts).
 */
class EngineAgreesWithTableTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> SCHEDULERS = schedulers();

    private static List<String> schedulers() {
        List<String> names = new ArrayList<>(StreamSupport.stream(SchedulerRegistry.names().spliterator(), false).toList());
        names.add("none");
        names.add("nosuch");
        return names;
    }

    /** Commands drawn from a small pool of keys and servers, so they hit existing entries often. */
    private static final class Generator {
        private final RandomGenerator random;
        private final List<ServiceKey> keys = List.of(
                new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80),
                new ServiceKey.Address(Protocol.UDP, ip("10.0.0.1"), 53),
                new ServiceKey.Address(Protocol.SCTP, ip("10.0.0.2"), 5000),
                new ServiceKey.Address(Protocol.TCP, ip("10.0.0.3"), 0),
                new ServiceKey.Address(Protocol.TCP, ip("2001:db8::1"), 443),
                new ServiceKey.Mark(AddressFamily.INET, 7),
                new ServiceKey.Mark(AddressFamily.INET6, 8));
        private final List<String> servers = List.of("192.168.1.1", "192.168.1.2", "192.168.1.3", "2001:db8::5",
                "0.0.0.0", "224.0.0.1");
        private final List<String> locals = List.of("192.168.9.1", "192.168.9.2", "192.168.9.3", "2001:db8::9",
                "0.0.0.0");

        Generator(long seed) {
            this.random = new SplittableRandom(seed);
        }

        Command next(int depth) {
            int kind = random.nextInt(depth == 0 ? 16 : 14);
            ServiceKey key = keys.get(random.nextInt(keys.size()));
            return switch (kind) {
                case 0, 1 -> new Command.AddService(service(key));
                case 2 -> new Command.EditService(service(key));
                case 3 -> new Command.DelService(key);
                case 4 -> random.nextInt(4) == 0 ? new Command.Flush() : new Command.Zero(key);
                case 5, 6, 7 -> new Command.AddDest(key, destination());
                case 8 -> new Command.EditDest(key, destination());
                case 9 -> new Command.DelDest(key, ip(servers.get(random.nextInt(servers.size()))), 80);
                case 10 -> new Command.SetTimeouts(new Timeouts(timeout(), timeout(), timeout()));
                case 11 -> random.nextBoolean()
                        ? new Command.StartDaemon(new SyncDaemonSpec(SyncDaemonSpec.State.MASTER,
                        random.nextBoolean() ? "lo" : "eth9", 1, 0, "", 0, 0))
                        : random.nextBoolean() ? new Command.Zero(null)
                        : new Command.StopDaemon(SyncDaemonSpec.State.BACKUP);
                case 12 -> new Command.AddLocalAddress(key, ip(locals.get(random.nextInt(locals.size()))));
                case 13 -> new Command.DelLocalAddress(key, ip(locals.get(random.nextInt(locals.size()))));
                default -> batch(depth);
            };
        }

        private Command batch(int depth) {
            List<Command> members = new ArrayList<>();
            int size = 1 + random.nextInt(8);
            for (int i = 0; i < size; i++) {
                members.add(next(depth + 1));
            }
            return new Command.Batch(members);
        }

        private ServiceSpec service(ServiceKey key) {
            String scheduler = SCHEDULERS.get(random.nextInt(SCHEDULERS.size()));
            boolean persistent = key instanceof ServiceKey.Address a && a.port() == 0 || random.nextBoolean();
            int flags = (persistent ? ServiceFlags.PERSISTENT : 0) | (random.nextInt(4) == 0 ? ServiceFlags.ONEPACKET : 0)
                    | (random.nextInt(4) == 0 ? ServiceFlags.SCHED1 : 0);
            int netmask = key.family() == AddressFamily.INET6 ? random.nextInt(130) : ServiceSpec.DEFAULT_NETMASK_V4;
            String engine = switch (random.nextInt(8)) {
                case 0 -> "sip";
                case 1 -> "nosuch";
                default -> "";
            };
            ProxyProtocol proxy = random.nextInt(4) == 0 ? ProxyProtocol.V2 : ProxyProtocol.NONE;
            return new ServiceSpec(key, scheduler, flags, 1 + random.nextInt(600), netmask, engine, proxy);
        }

        private DestinationSpec destination() {
            String address = servers.get(random.nextInt(servers.size()));
            ForwardMethod method = ForwardMethod.values()[random.nextInt(ForwardMethod.values().length)];
            int weight = random.nextInt(10) == 0 ? -1 : random.nextInt(5);
            int upper = random.nextInt(4) == 0 ? random.nextInt(100) : 0;
            int lower = random.nextInt(4) == 0 ? random.nextInt(100) : 0;
            TunnelType tunnel = random.nextInt(5) == 0 ? TunnelType.GUE : TunnelType.IPIP;
            return new DestinationSpec(ip(address), 80, method, weight, upper, lower, tunnel,
                    tunnel == TunnelType.GUE && random.nextBoolean() ? 6080 : 0, TunnelFlags.NOCSUM);
        }

        private int timeout() {
            return switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> KernelRules.MAX_TIMEOUT_SECONDS + 1;
                default -> 1 + random.nextInt(3600);
            };
        }
    }

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** Runs a seeded sequence, checking the engine against the table after every step. */
    private static void run(long seed, int steps, DataPlane engine, EngineCore core) {
        ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), TableStore.NONE);
        manager.attach(engine, TIMEOUT, TIMEOUT);
        Generator generator = new Generator(seed);
        for (int step = 0; step < steps; step++) {
            Command command = generator.next(0);
            manager.handle(command);
            ServiceTable table = manager.table();
            TableSnapshot held = core.snapshot();
            int at = step;
            assertEquals(EngineCommands.configs(table), held.configs(),
                    () -> "seed " + seed + ", step " + at + ": " + command);
            assertEquals(table.timeouts(), held.timeouts(), () -> "seed " + seed + ", step " + at + ": " + command);
        }
    }

    private static EngineCore core() {
        return new EngineCore(new SchedulerContext(new SplittableRandom(1)), ConnectionOptions.DEFAULT, 16, 1024,
                () -> 0L);
    }

    @Test
    void theEngineHoldsTheTableAfterEveryCommandOfRandomSequences() {
        long base = Seeds.seed(20261201L);
        for (long seed = base; seed < base + 40; seed++) {
            EngineCore core = core();
            run(seed, 400, new LocalEngine("test", core), core);
        }
    }

    @Test
    void aWrongApplyIsCaught() {
        // Drops every edit of a real server: the kind of drift the test exists to find.
        assertCaught(EngineCommand.EditDestination.class);
    }

    @Test
    void aDroppedLocalAddressChangeIsCaught() {
        // The engine would go on using an address the table no longer has, or miss one it has.
        assertCaught(EngineCommand.DeleteLocalAddress.class);
        assertCaught(EngineCommand.AddLocalAddress.class);
    }

    /** An engine that drops every command of this kind fails the run of the first seed, or of one of the next few. */
    private static void assertCaught(Class<? extends EngineCommand> dropped) {
        long base = Seeds.seed(20261201L);
        for (long seed = base; seed < base + 10; seed++) {
            InterposedEngine wrong = new InterposedEngine(local -> commands -> local.apply(
                    commands.stream().filter(c -> !dropped.isInstance(c)).toList()));
            try {
                run(seed, 400, wrong, wrong.core);
            } catch (AssertionFailedError caught) {
                return;
            }
        }
        throw new AssertionFailedError("dropping every " + dropped.getSimpleName() + " went unnoticed for 10 seeds");
    }

    @Test
    void aRestoredTableIsLoadedWhole() {
        ServiceKey web = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
        ServiceTable restored = ServiceTable.EMPTY
                .withServiceAdded(new ServiceEntry(TestTables.service(web, "wrr"),
                        List.of(TestTables.dest("192.168.1.2", 80), TestTables.dest("192.168.1.1", 80)),
                        List.of(ip("192.168.9.2"), ip("192.168.9.1"))))
                .withTimeouts(new Timeouts(10, 20, 30));
        ServiceManager manager = new ServiceManager(restored, TestTables.host(), TableStore.NONE);
        EngineCore core = core();

        manager.attach(new LocalEngine("test", core), TIMEOUT, TIMEOUT);

        assertEquals(List.of(new ServiceConfig(TestTables.service(web, "wrr"),
                List.of(TestTables.dest("192.168.1.2", 80), TestTables.dest("192.168.1.1", 80)),
                List.of(ip("192.168.9.2"), ip("192.168.9.1")))),
                core.snapshot().configs());
        assertEquals(new Timeouts(10, 20, 30), core.snapshot().timeouts());
    }
}
