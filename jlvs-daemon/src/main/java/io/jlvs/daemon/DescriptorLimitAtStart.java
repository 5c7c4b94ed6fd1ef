package io.jlvs.daemon;

import io.jlvs.io.linux.DescriptorLimit;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.io.linux.SystemCallException;
import io.jlvs.proxy.ProxyOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What jlvsd does with RLIMIT_NOFILE at start: raise the soft limit to the hard limit (the most an
 * unprivileged process may), log the limit and how many proxied connections it allows, and give
 * the proxy engine all of it but a reserve as its descriptor budget, so a client beyond the limit
 * is reset and counted instead of the engine meeting EMFILE.
 */
final class DescriptorLimitAtStart {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorLimitAtStart.class);

    /**
     * Descriptors kept back from the engine for jlvsd's own: the JVM's jars and pipes, the control
     * socket and its clients, the log, the state file and its lock.
     */
    static final int RESERVE = 256;

    private DescriptorLimitAtStart() {
    }

    /** Raises the limit, logs it, and returns the options with the engine's budget. */
    static ProxyOptions apply(ProxyOptions options) {
        if (!LinuxNative.isAvailable()) {
            LOG.warn("descriptor limit unknown ({}): the proxy engine has no descriptor budget",
                    LinuxNative.unavailabilityCause().toString());
            return options;
        }
        DescriptorLimit before;
        try {
            before = DescriptorLimit.current();
        } catch (SystemCallException e) {
            LOG.warn("descriptor limit unknown ({}): the proxy engine has no descriptor budget", e.getMessage());
            return options;
        }
        DescriptorLimit limit = before;
        String how;
        if (before.soft() == before.hard()) {
            how = "the hard limit";
        } else {
            try {
                limit = DescriptorLimit.raiseSoftToHard();
                how = "raised from " + before.soft() + " to the hard limit";
            } catch (SystemCallException e) {
                how = "could not be raised to the hard limit " + before.hard() + ": " + e.getMessage();
            }
        }
        int sockets = socketBudget(limit.soft());
        if (sockets == ProxyOptions.NO_SOCKET_BUDGET) {
            LOG.info("descriptor limit: unlimited ({}): the proxy engine has no descriptor budget", how);
            return options;
        }
        LOG.info("descriptor limit {} ({}): room for {} proxied TCP connections ({} descriptors each; {} kept for"
                        + " jlvsd's own files; each proxied service's listener takes one). Raise it with LimitNOFILE="
                        + " (systemd) or ulimit -Hn", limit.soft(), how, sockets / ProxyOptions.SOCKETS_PER_TCP_CONNECTION,
                ProxyOptions.SOCKETS_PER_TCP_CONNECTION, limit.soft() - sockets);
        return options.withMaxOpenSockets(sockets);
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
