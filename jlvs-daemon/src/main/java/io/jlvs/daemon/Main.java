package io.jlvs.daemon;

import io.jlvs.daemon.lab.LabClientCommand;
import io.jlvs.daemon.lab.LabCommand;
import io.jlvs.daemon.lab.LabServerCommand;
import io.jlvs.daemon.quickstart.QuickstartCommand;
import io.jlvs.daemon.realserver.DecapsulatorCommand;
import io.jlvs.daemon.realserver.RsSetupCommand;
import picocli.CommandLine;

import java.util.Arrays;
import picocli.CommandLine.Command;

/** The jlvs command: one entry point for the daemon, the ipvsadm-compatible tool and the helpers. */
@Command(name = "jlvs", mixinStandardHelpOptions = true, version = "jlvs 0.1.0",
        description = "Linux Virtual Server in Java: the IPVS load balancer and its admin tool ipvsadm.",
        subcommands = {QuickstartCommand.class, DaemonCommand.class, StatusCommand.class, SimulateCommand.class,
                RsSetupCommand.class, DecapsulatorCommand.class, LabCommand.class, LabServerCommand.class,
                LabClientCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int status = run(args);
        // A jlvs adm that succeeded just returns (it leaves no thread behind): System.exit looks up
        // a System.Logger to log the exit, which scans every jar on the class path for a logger
        // finder, a tenth of a shell loop's ipvsadm call.
        if (status != 0 || !isAdm(args)) {
            System.exit(status);
        }
    }

    private static boolean isAdm(String[] args) {
        return args.length > 0 && args[0].equals("adm");
    }

    /** Runs the command and returns its exit status (for tests). */
    public static int run(String... args) {
        if (isAdm(args)) {
            return AdmCommand.run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 1 && args[0].equals("help") && args[1].equals("adm")) {
            return AdmCommand.run(new String[] {"-h"});
        }
        return CommandListing.install(new CommandLine(new Main())).execute(args);
    }

    @Override
    public void run() {
        CommandListing.install(new CommandLine(this)).usage(System.out);
    }
}
