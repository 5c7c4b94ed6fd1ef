package io.jlvs.daemon;

import io.jlvs.cli.simulate.Simulator;
import io.jlvs.core.sched.SchedulerContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** jlvs simulate [FILE]: which real server each listed connection would get under a rule set. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        header = "Print which real server each connection of a script would get under the script's ipvsadm rules,"
                + " on a private table.",
        description = {"Apply ipvsadm command lines to a private in-memory table and print the real server",
                "(RIP:RPORT, or - for none) each new connection line gets. Lines:",
                "  [ipvsadm] ARGS...                    an ipvsadm command, applied in order",
                "  tcp|udp|sctp CLIENT:PORT VIP:PORT    one new connection",
                "  fwm MARK CLIENT:PORT DADDR:PORT      one new connection to a firewall-mark service",
                "Connections stay ESTABLISHED until the script ends. Reads FILE, or stdin without one."})
final class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the script (default: stdin)")
    Path file;

    @Option(names = "--seed", description = "seed of the random source twos draws from (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public Integer call() throws IOException {
        Simulator simulator = new Simulator(new SchedulerContext(new SplittableRandom(seed)), System.out, System.err);
        if (file == null) {
            return simulator.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return simulator.run(reader);
        } catch (NoSuchFileException e) {
            System.err.println("jlvs simulate: no such file: " + file);
            return 2;
        }
    }
}
