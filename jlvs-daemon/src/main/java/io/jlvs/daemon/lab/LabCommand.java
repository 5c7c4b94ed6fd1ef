package io.jlvs.daemon.lab;

import io.jlvs.control.socket.ControlPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jlvs lab nat|dr|dr-routed|tun|fullnat}: a seed's LVS lab in network namespaces, jlvsd its director, checked. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        header = "Build a seed's LVS lab (nat, dr, dr-routed, tun, fullnat) in network namespaces with jlvsd in packet"
                + " mode as its director, check it and tear it down (root).",
        description = {"Builds the seed's client, director and two real servers as network namespaces (dr-routed and"
                + " tun add a router), sets them up with the commands a seed reader types (each printed as it runs),"
                + " starts jlvsd in packet mode on the director, sends N requests each on a new connection and a"
                + " 100 MiB download, and checks: every request answered; the split the scheduler makes; the method"
                + " (NAT: the real servers saw the client's address; FULLNAT: the local address; DR and TUN: the"
                + " replies bypassed the director, by its interface counters); the download intact. Prints"
                + " jlvs adm -Ln --stats and -Lnc, then removes everything (also on Ctrl-C). Exit status 0 only when"
                + " every check held."})
public final class LabCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LAB", converter = KindConverter.class,
            description = "nat, dr, dr-routed, tun or fullnat")
    LabKind kind;

    @Option(names = "--keep", description = "leave the lab up at the end and print how to enter and remove it")
    boolean keep;

    @Option(names = "--requests", paramLabel = "N", description = "requests to send (default: ${DEFAULT-VALUE})")
    int requests = 20;

    /** Reads the lab's name, listing the five on a mistake. */
    static final class KindConverter implements ITypeConverter<LabKind> {
        @Override
        public LabKind convert(String value) {
            try {
                return LabKind.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (requests < 1) {
            System.err.println("jlvs lab: --requests must be at least 1, not " + requests);
            return 2;
        }
        String missing = HostTools.missing(ControlPaths.current().root(), HostTools.searchPath(System.getenv("PATH")));
        if (missing != null) {
            System.err.println(missing);
            return 1;
        }
        Path work = Files.createTempDirectory("jlvs-lab-");
        String prefix = "jlab" + ProcessHandle.current().pid();
        return new Lab(LabPlans.of(kind), requests, keep, JlvsLauncher.thisJvm(), prefix, work, System.out).run();
    }
}
