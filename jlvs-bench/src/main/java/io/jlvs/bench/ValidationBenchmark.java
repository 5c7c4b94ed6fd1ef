package io.jlvs.bench;

import io.jlvs.control.CommandRefusedException;
import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.TableReplay;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the kernel rules cost the control plane for a table of 10,000 services with 10 real
 * servers each (110,000 commands): ipvsadm -R's Batch through a ServiceManager without engine or
 * state file, and jlvsd's start-up check of a loaded table (TableReplay.rebuild). Run cold
 * (single shot in fresh JVMs, what -R and a start pay) and warm (average after warm-up).
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ValidationBenchmark {
    private static final int SERVICES = 10_000;
    private static final int REALS_PER_SERVICE = 10;

    private Command.Batch restore;
    private ServiceTable table;

    @Setup(Level.Trial)
    public void setUp() {
        // built without the rules, so that the cold runs find them unused
        List<Command> commands = new ArrayList<>(SERVICES * (REALS_PER_SERVICE + 1));
        List<ServiceEntry> services = new ArrayList<>(SERVICES);
        for (int s = 0; s < SERVICES; s++) {
            ServiceKey key = new ServiceKey.Address(Protocol.TCP,
                    InetAddress.ofLiteral("10." + (s >> 16 & 255) + "." + (s >> 8 & 255) + "." + (s & 255)), 80);
            ServiceSpec spec = new ServiceSpec(key, "wlc", 0, 0, -1, "");
            commands.add(new Command.AddService(spec));
            List<DestinationSpec> newestFirst = new ArrayList<>(REALS_PER_SERVICE);
            for (int r = 0; r < REALS_PER_SERVICE; r++) {
                DestinationSpec real = DestinationSpec.of(
                        InetAddress.ofLiteral("172.16." + r + "." + (s % 250 + 1)), 8080, ForwardMethod.MASQ, 1);
                commands.add(new Command.AddDest(key, real));
                newestFirst.addFirst(real);
            }
            services.add(new ServiceEntry(spec, newestFirst));
        }
        restore = new Command.Batch(commands);
        table = new ServiceTable(services, Timeouts.DEFAULT, List.of());
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(10)
    public Reply restoreCold() {
        return restore();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public Reply restoreWarm() {
        return restore();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(10)
    public ServiceTable rebuildCold() throws CommandRefusedException {
        return TableReplay.rebuild(table, HostFacts.system());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public ServiceTable rebuildWarm() throws CommandRefusedException {
        return TableReplay.rebuild(table, HostFacts.system());
    }

    private Reply restore() {
        Reply reply = new ServiceManager().handle(restore);
        if (!(reply instanceof Reply.Ok)) {
            throw new IllegalStateException("the table was refused: " + reply);
        }
        return reply;
    }
}
