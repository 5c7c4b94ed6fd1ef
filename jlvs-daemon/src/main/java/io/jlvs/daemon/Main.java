package io.jlvs.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jlvs command: one entry point for the daemon, the ipvsadm-compatible tool and the helpers. */
@Command(name = "jlvs", mixinStandardHelpOptions = true, version = "jlvs 0.1.0",
        description = "Linux Virtual Server in Java: IPVS, ipvsadm and keepalived.",
        subcommands = {DaemonCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit status (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
