package io.jlvs.bench;

import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.control.state.StateFile;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What one change costs jlvsd (the ServiceManager and its StateFile, fsync included, the socket
 * not) with 10 services or 10,000, each with 10 real servers: a -a of one real server, then its
 * -d, alternately, so the table keeps its size. The bytes written to the state directory per
 * change are printed at the end of each trial ("state bytes per change: N"), compactions included.
 * Sampled, so the median stands beside the mean: each change waits on an fsync, whose time the
 * disk and the machine's other work set. bench/adm-scale reports the 10,000-service median as a
 * ratio to the 10-service one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class StateChangeBenchmark {

    @Param({"10", "10000"})
    public int services;

    private static final int REALS_PER_SERVICE = 10;
    private static final DestinationSpec EXTRA =
            DestinationSpec.of(InetAddress.ofLiteral("192.0.2.99"), 8080, ForwardMethod.MASQ, 1);

    private Path directory;
    private StateFile stateFile;
    private ServiceManager manager;
    private ServiceKey[] keys;
    private long changes;
    private long bytesBefore;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("jlvs-state-bench");
        stateFile = new StateFile(directory, HostFacts.system(), note -> { });
        manager = new ServiceManager(stateFile.load(), HostFacts.system(), stateFile);
        stateFile.prepare();
        keys = new ServiceKey[services];
        List<Command> table = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            keys[s] = new ServiceKey.Address(Protocol.TCP,
                    InetAddress.ofLiteral("10." + (s >> 16 & 255) + "." + (s >> 8 & 255) + "." + (s & 255)), 80);
            table.add(new Command.AddService(new ServiceSpec(keys[s], "wlc", 0, 0, -1, "")));
            for (int r = 0; r < REALS_PER_SERVICE; r++) {
                table.add(new Command.AddDest(keys[s], DestinationSpec.of(
                        InetAddress.ofLiteral("172.16." + r + "." + (s % 250 + 1)), 8080, ForwardMethod.MASQ, 1)));
            }
        }
        if (!(manager.handle(new Command.Batch(table)) instanceof Reply.Ok)) {
            throw new IllegalStateException("the table was refused");
        }
        bytesBefore = stateFile.bytesWritten();
    }

    @Benchmark
    public Reply change() {
        long n = changes++;
        ServiceKey key = keys[(int) ((n >> 1) % services)];
        return manager.handle((n & 1) == 0 ? new Command.AddDest(key, EXTRA)
                : new Command.DelDest(key, EXTRA.address(), EXTRA.port()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.printf("%nstate bytes per change: %d (services=%d, changes=%d)%n",
                (stateFile.bytesWritten() - bytesBefore) / Math.max(1, changes), services, changes);
        stateFile.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
