package io.jlvs.daemon;

import io.jlvs.control.HostFacts;
import io.jlvs.control.socket.ControlPaths;
import io.jlvs.proxy.ProxyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jlvs daemon}: jlvsd in the foreground until SIGTERM or Ctrl-C, which end it with status 0. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Run jlvsd in the foreground: hold the virtual-service table, persist it, serve the control socket,"
                + " and proxy the services (--mode proxy).")
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
            description = "data plane: proxy (socket proxying of every TCP and UDP service; the default) or none"
                    + " (keep the table only). Packet mode comes later.")
    DaemonMode mode;

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
            throw new picocli.CommandLine.TypeConversionException("expected proxy or none, not '" + value + "'"
                    + (value.equalsIgnoreCase("packet") ? " (packet mode is not available yet)" : ""));
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ControlPaths paths = ControlPaths.current();
        Path socketPath = paths.socket(socket);
        Path statePath = paths.stateDirectory(stateDirectory);
        PrintStream out = System.out;
        Jlvsd daemon;
        DescriptorLimitAtStart limit = DescriptorLimitAtStart.raise(
                ProxyOptions.DEFAULT.withExpireNodestConn(expireNodestConn));
        try {
            daemon = Jlvsd.start(socketPath, statePath, HostFacts.system(), mode, limit.options());
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
