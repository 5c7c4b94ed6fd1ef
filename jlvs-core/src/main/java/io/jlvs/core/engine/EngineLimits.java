package io.jlvs.core.engine;

import io.jlvs.core.model.ServiceSpec;

import java.util.Locale;
import java.util.Optional;

/**
 * What the kernel has and jlvs does not have yet, with the message that says so. The control
 * plane refuses such commands with these messages (after the kernel's own checks), and the engine
 * core refuses them too, so a table entry that slipped past (an old state file) stops startup
 * instead of being silently not served.
 */
public final class EngineLimits {
    /** --start-daemon: there is no connection-sync daemon yet. */
    public static final String NO_SYNC_DAEMON = "jlvs has no connection-sync daemon yet (--start-daemon):"
            + " it comes with packet mode and keepalived mode";

    private EngineLimits() {
    }

    /** Why a service cannot be carried out by any jlvs engine, if it cannot. */
    public static Optional<String> refusal(ServiceSpec spec) {
        String engine = spec.persistenceEngine();
        if (!engine.isEmpty()) {
            return Optional.of("jlvs has no " + engine.toUpperCase(Locale.ROOT) + " persistence engine (--pe "
                    + engine + "): persistence engines are not implemented");
        }
        return Optional.empty();
    }
}
