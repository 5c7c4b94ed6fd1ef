package io.jlvs.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy engine behaves where IPVS has no rule of its own.
 *
 * @param connectAttempts  how many scheduled real servers a new TCP connection tries before the
 *                         client is reset (the first choice plus retries)
 * @param connectTimeout   how long one connect to a real server may take
 * @param expireNodestConn the kernel's expire_nodest_conn: when a real server is deleted, close its
 *                         connections at once instead of letting them run until they end
 * @param drainTimeout     on shutdown, how long established connections may drain
 */
public record ProxyOptions(int connectAttempts, Duration connectTimeout, boolean expireNodestConn,
                           Duration drainTimeout) {

    /** Three attempts, 3 s per connect, connections outlive their deleted server, 10 s drain. */
    public static final ProxyOptions DEFAULT = new ProxyOptions(3, Duration.ofSeconds(3), false, Duration.ofSeconds(10));

    public ProxyOptions {
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connectAttempts must be at least 1: " + connectAttempts);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }
}
