package io.jlvs.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy engine behaves where IPVS has no rule of its own.
 *
 * @param connectAttempts    how many scheduled real servers a new TCP connection tries before the
 *                           client is reset (the first choice plus retries)
 * @param connectTimeout     how long one connect to a real server may take
 * @param expireNodestConn   the kernel's expire_nodest_conn: when a real server is deleted, close its
 *                           connections at once instead of letting them run until they end
 * @param drainTimeout       on shutdown, how long established connections may drain
 * @param connectionCapacity the most connection entries (connections plus persistence templates)
 *                           the engine's connection table holds
 * @param nativeTransport    use Netty's native epoll transport when it is available (else NIO)
 */
public record ProxyOptions(int connectAttempts, Duration connectTimeout, boolean expireNodestConn,
                           Duration drainTimeout, int connectionCapacity, boolean nativeTransport) {

    /**
     * Three attempts, 3 s per connect, connections outlive their deleted server, 10 s drain, 65,536
     * entries, native transport when available.
     */
    public static final ProxyOptions DEFAULT = new ProxyOptions(3, Duration.ofSeconds(3), false, Duration.ofSeconds(10),
            1 << 16, true);

    public ProxyOptions {
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connectAttempts must be at least 1: " + connectAttempts);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (connectionCapacity < 1) {
            throw new IllegalArgumentException("connectionCapacity must be positive: " + connectionCapacity);
        }
    }

    public ProxyOptions withConnectAttempts(int attempts) {
        return new ProxyOptions(attempts, connectTimeout, expireNodestConn, drainTimeout, connectionCapacity,
                nativeTransport);
    }

    public ProxyOptions withConnectTimeout(Duration timeout) {
        return new ProxyOptions(connectAttempts, timeout, expireNodestConn, drainTimeout, connectionCapacity,
                nativeTransport);
    }

    public ProxyOptions withExpireNodestConn(boolean expire) {
        return new ProxyOptions(connectAttempts, connectTimeout, expire, drainTimeout, connectionCapacity,
                nativeTransport);
    }

    public ProxyOptions withDrainTimeout(Duration timeout) {
        return new ProxyOptions(connectAttempts, connectTimeout, expireNodestConn, timeout, connectionCapacity,
                nativeTransport);
    }

    public ProxyOptions withConnectionCapacity(int capacity) {
        return new ProxyOptions(connectAttempts, connectTimeout, expireNodestConn, drainTimeout, capacity,
                nativeTransport);
    }

    public ProxyOptions withNativeTransport(boolean useNative) {
        return new ProxyOptions(connectAttempts, connectTimeout, expireNodestConn, drainTimeout, connectionCapacity,
                useNative);
    }
}
