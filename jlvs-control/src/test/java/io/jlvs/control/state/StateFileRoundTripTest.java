package io.jlvs.control.state;

import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Timeouts;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property: whatever sequence of requests a manager applies, with compactions anywhere in it
 * and restarts between, loading the state directory gives the manager's table.
 */
class StateFileRoundTripTest {
    private static final List<ServiceKey> KEYS = List.of(
            new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80),
            new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.2"), 443),
            new ServiceKey.Address(Protocol.UDP, InetAddress.ofLiteral("10.0.0.1"), 53),
            new ServiceKey.Mark(AddressFamily.INET, 7));
    private static final List<String> REALS = List.of("192.168.1.1", "192.168.1.2", "192.168.1.3", "192.168.1.4");
    private static final List<String> SCHEDULERS = List.of("rr", "wlc", "none", "sh", "nosuch");
    private static final int REQUESTS = 400;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everySequenceOfRequestsLoadsBackAsTheManagersTable(long defaultSeed) throws IOException {
        long seed = Seeds.seed(defaultSeed);
        RandomGenerator random = Seeds.random(seed);
        List<String> notes = new ArrayList<>();
        // A small floor so compactions happen every few dozen requests.
        long floor = 1 + random.nextInt(4096);
        StateFile file = new StateFile(dir, HostFacts.system(), notes::add, floor);
        ServiceManager manager = new ServiceManager(file.load(), HostFacts.system(), file);
        file.prepare();
        for (int i = 1; i <= REQUESTS; i++) {
            manager.handle(random.nextInt(8) == 0 ? batch(random) : command(random));
            if (random.nextInt(20) == 0) {
                // a restart: what was saved is all there is
                file.close();
                file = new StateFile(dir, HostFacts.system(), notes::add, floor);
                ServiceTable loaded = file.load();
                assertEquals(manager.table(), loaded, "seed " + seed + ", after request " + i);
                manager = new ServiceManager(loaded, HostFacts.system(), file);
                file.prepare();
            }
        }
        file.close();

        assertEquals(manager.table(), new StateFile(dir, HostFacts.system(), notes::add).load(), "seed " + seed);
        assertEquals(List.of(), notes, "seed " + seed);
    }

    private static Command batch(RandomGenerator random) {
        List<Command> members = new ArrayList<>();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            members.add(random.nextInt(10) == 0 ? new Command.Batch(List.of(command(random), command(random)))
                    : command(random));
        }
        return new Command.Batch(members);
    }

    /** A command over a small key space, so most are accepted and some refused. */
    private static Command command(RandomGenerator random) {
        ServiceKey key = pick(random, KEYS);
        return switch (random.nextInt(12)) {
            case 0, 1 -> new Command.AddService(spec(random, key));
            case 2 -> new Command.EditService(spec(random, key));
            case 3 -> new Command.DelService(key);
            case 4, 5, 6 -> new Command.AddDest(key, destination(random, key));
            case 7 -> new Command.EditDest(key, destination(random, key));
            case 8 -> new Command.DelDest(key, InetAddress.ofLiteral(pick(random, REALS)), port(key));
            case 9 -> new Command.Zero(random.nextBoolean() ? null : key);
            case 10 -> new Command.SetTimeouts(new Timeouts(random.nextInt(3) * 100, 0, random.nextInt(2) * 30));
            default -> random.nextInt(4) == 0 ? new Command.Flush() : new Command.Zero(null);
        };
    }

    private static ServiceSpec spec(RandomGenerator random, ServiceKey key) {
        return new ServiceSpec(key, pick(random, SCHEDULERS), random.nextInt(2), random.nextInt(2) * 300,
                ServiceSpec.DEFAULT_NETMASK_V4, "");
    }

    private static DestinationSpec destination(RandomGenerator random, ServiceKey key) {
        return DestinationSpec.of(InetAddress.ofLiteral(pick(random, REALS)), port(key),
                pick(random, List.of(ForwardMethod.MASQ, ForwardMethod.DROUTE)), random.nextInt(-1, 6));
    }

    private static int port(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.port() : 0;
    }

    private static <T> T pick(RandomGenerator random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
