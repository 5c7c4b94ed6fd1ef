package io.jlvs.daemon;

import io.jlvs.io.linux.DescriptorLimit;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.io.linux.SystemCallException;
import io.jlvs.proxy.ProxyOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What jlvsd does with RLIMIT_NOFILE at start: raise the soft limit to the hard limit (the most an
 * unprivileged process may), give the proxy engine all of it but a reserve as its descriptor budget
 * (so a client beyond the limit is reset and counted instead of the engine meeting EMFILE), and,
 * once the daemon is up, log the limit and how many proxied connections it allows.
 *
 * @param options the proxy engine's options, with its budget
 * @param report  the line to log, or null when the limit is unknown
 * @param problem why the limit is unknown or could not be raised, or null
 */
record DescriptorLimitAtStart(ProxyOptions options, String report, String problem) {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorLimitAtStart.class);

    /**
     * Descriptors kept back from the engine for jlvsd's own: the JVM's jars and pipes, the control
     * socket and its clients, the log, the state file and its lock.
     */
    static final int RESERVE = 256;

    /** Raises the soft limit and budgets the engine's sockets from it. */
    static DescriptorLimitAtStart raise(ProxyOptions options) {
        if (!LinuxNative.isAvailable()) {
            return unknown(options, LinuxNative.unavailabilityCause().toString());
        }
        DescriptorLimit before;
        try {
            before = DescriptorLimit.current();
        } catch (SystemCallException e) {
            return unknown(options, e.getMessage());
        }
        DescriptorLimit limit = before;
        String how = "the hard limit";
        String problem = null;
        if (before.soft() != before.hard()) {
            try {
                limit = DescriptorLimit.raiseSoftToHard();
                how = "raised from " + before.soft() + " to the hard limit";
            } catch (SystemCallException e) {
                how = "the hard limit " + before.hard() + " is out of reach";
                problem = "the soft descriptor limit could not be raised: " + e.getMessage();
            }
        }
        int sockets = socketBudget(limit.soft());
        if (sockets == ProxyOptions.NO_SOCKET_BUDGET) {
            return new DescriptorLimitAtStart(options, "descriptor limit: unlimited (" + how + "): the proxy engine"
                    + " has no descriptor budget", problem);
        }
        String report = "descriptor limit " + limit.soft() + " (" + how + "): room for "
                + sockets / ProxyOptions.SOCKETS_PER_TCP_CONNECTION + " proxied TCP connections ("
                + ProxyOptions.SOCKETS_PER_TCP_CONNECTION + " descriptors each; " + (limit.soft() - sockets)
                + " kept for jlvsd's own files; each proxied service's listener takes one). Raise it with"
                + " LimitNOFILE= (systemd) or ulimit -Hn";
        return new DescriptorLimitAtStart(options.withMaxOpenSockets(sockets), report, problem);
    }

    private static DescriptorLimitAtStart unknown(ProxyOptions options, String cause) {
        return new DescriptorLimitAtStart(options, null, "descriptor limit unknown (" + cause
                + "): the proxy engine has no descriptor budget");
    }

    /** Logs what was found and done (after a successful start, so a failed one prints only its error). */
    void log() {
        if (problem != null) {
            LOG.warn(problem);
        }
        if (report != null) {
            LOG.info(report);
        }
    }

    /**
     * The engine's share of a soft limit: all but {@link #RESERVE}, and at least half of a limit too
     * small for that reserve.
     */
    static int socketBudget(long softLimit) {
        if (softLimit == DescriptorLimit.UNLIMITED || softLimit - RESERVE >= ProxyOptions.NO_SOCKET_BUDGET) {
            return ProxyOptions.NO_SOCKET_BUDGET;
        }
        long budget = Math.max(softLimit - RESERVE, softLimit / 2);
        return (int) Math.max(ProxyOptions.SOCKETS_PER_TCP_CONNECTION, budget);
    }
}
