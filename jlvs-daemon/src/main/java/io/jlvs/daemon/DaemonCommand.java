package io.jlvs.daemon;

import io.jlvs.control.HostFacts;
import io.jlvs.control.socket.ControlPaths;
import io.jlvs.proxy.ProxyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jlvs daemon}: jlvsd in the foreground until SIGTERM or Ctrl-C, which end it with status 0. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Run jlvsd in the foreground: hold the virtual-service table, persist it, serve the control socket,"
                + " and proxy the services (--mode proxy) or forward their packets as an LVS director"
                + " (--mode packet --iface IF, as root).")
final class DaemonCommand implements Callable<Integer> {
    /** The line a supervisor (or a test) can wait for. */
    static final String READY = "jlvsd ready";

    @Option(names = "--socket", paramLabel = "PATH",
            description = "control socket (default: $JLVS_SOCKET, /run/jlvs/jlvsd.sock as root, "
                    + "else $XDG_RUNTIME_DIR/jlvs/jlvsd.sock or /tmp/jlvs-$UID/jlvsd.sock), in a directory of"
                    + " this user with mode 0700 (created so when missing)")
    Path socket;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "state directory (default: $JLVS_STATE_DIR, /var/lib/jlvs as root, "
                    + "else $XDG_STATE_HOME/jlvs or ~/.local/state/jlvs)")
    Path stateDirectory;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "proxy",
            converter = ModeConverter.class,
            description = "data plane: proxy (socket proxying of every TCP and UDP service; the default), packet"
                    + " (an LVS director on the --iface interfaces: DR, NAT, TUN and FULLNAT; root) or none (keep the"
                    + " table only)")
    DaemonMode mode;

    @Option(names = "--iface", paramLabel = "IF",
            description = "an interface the packet engine owns (repeat for more); --mode packet needs one")
    List<String> interfaces = new ArrayList<>();

    @Option(names = "--expire-nodest-conn",
            description = "reset a real server's proxied connections when it is deleted (the kernel's"
                    + " expire_nodest_conn); by default they run until they end")
    boolean expireNodestConn;

    /** Reads --mode case-insensitively, naming the choices on a mistake. */
    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<DaemonMode> {
        @Override
        public DaemonMode convert(String value) {
            for (DaemonMode m : DaemonMode.values()) {
                if (m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected proxy, packet or none, not '" + value
                    + "'");
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ControlPaths paths = ControlPaths.current();
        Path socketPath = paths.socket(socket);
        Path statePath = paths.stateDirectory(stateDirectory);
        PrintStream out = System.out;
        if (mode == DaemonMode.PACKET && interfaces.isEmpty()) {
            System.err.println("jlvs daemon: --mode packet needs the interfaces it owns: --iface IF (for example"
                    + " --iface eth0)");
            return 2;
        }
        if (mode != DaemonMode.PACKET && !interfaces.isEmpty()) {
            System.err.println("jlvs daemon: --iface is for --mode packet; the " + mode.name().toLowerCase(Locale.ROOT)
                    + " mode owns no interface");
            return 2;
        }
        Jlvsd daemon;
        DescriptorLimitAtStart limit = DescriptorLimitAtStart.raise(
                ProxyOptions.DEFAULT.withExpireNodestConn(expireNodestConn));
        try {
            daemon = Jlvsd.start(socketPath, statePath, HostFacts.system(), mode, limit.options(), interfaces);
        } catch (DaemonStartupException e) {
            System.err.println("jlvs daemon: " + e.getMessage());
            return 1;
        }
        limit.log();
        // SIGTERM and Ctrl-C close the daemon (remove the socket, drain and close the proxy engine,
        // release the lock) and this returns 0; any other end of the JVM closes it from the hook.
        SignalShutdown.install(daemon);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("jlvsd-shutdown").unstarted(daemon::close));
        out.println(READY + ": listening at " + socketPath.toAbsolutePath() + ", state in " + statePath.toAbsolutePath());
        out.flush();
        daemon.awaitStop();
        return 0;
    }
}
