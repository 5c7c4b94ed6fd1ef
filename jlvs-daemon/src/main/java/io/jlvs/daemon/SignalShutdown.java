package io.jlvs.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT stop jlvsd as a request, not as a crash: the first closes the daemon (stop
 * accepting, drain, release) so {@code jlvs daemon} returns and the process exits 0, the status
 * a supervisor such as systemd expects of a clean stop (the JVM's default would be 143 or 130).
 * A second signal during the drain ends the process at once, with 128 + the signal's number.
 */
final class SignalShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(SignalShutdown.class);
    private static final int SIGNAL_EXIT_BASE = 128;

    private SignalShutdown() {
    }

    /** Handles TERM and INT for daemon from now on. */
    static void install(Jlvsd daemon) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (stopping.compareAndSet(false, true)) {
                LOG.info("SIG{}: stopping (another SIGTERM or SIGINT ends jlvsd without waiting for the drain)",
                        signal.getName());
                Thread.ofPlatform().name("jlvsd-stop").start(daemon::close);
            } else {
                LOG.warn("SIG{} again: ending now, without waiting for the drain", signal.getName());
                Runtime.getRuntime().halt(SIGNAL_EXIT_BASE + signal.getNumber());
            }
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
