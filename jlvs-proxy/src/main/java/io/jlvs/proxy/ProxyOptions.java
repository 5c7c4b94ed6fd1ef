package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;

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
 * @param maxConnections     the most connection entries (connections plus persistence templates,
 *                           TIME_WAIT entries included) the engine's connection table may hold; the
 *                           table starts at {@link #INITIAL_CONNECTIONS} (or this, if smaller) and
 *                           doubles as needed up to it, about {@value ConnectionTable#BYTES_PER_ENTRY}
 *                           bytes of heap per entry. Only a table at this size with every entry taken
 *                           refuses a new connection (the client is reset)
 * @param nativeTransport    use Netty's native epoll transport when it is available (else NIO)
 * @param maxOpenSockets     the engine's descriptor budget: the most sockets it may hold open at once
 *                           (listeners, and per proxied TCP connection {@value #SOCKETS_PER_TCP_CONNECTION}:
 *                           the client's and the real server's; per UDP session one). A new client
 *                           beyond it is reset at once (a UDP client's datagram dropped) and counted,
 *                           so the process never runs out of descriptors; {@link #NO_SOCKET_BUDGET} for
 *                           none. jlvsd sets it from RLIMIT_NOFILE less a reserve for its own files
 */
public record ProxyOptions(int connectAttempts, Duration connectTimeout, boolean expireNodestConn,
                           Duration drainTimeout, int maxConnections, boolean nativeTransport, int maxOpenSockets) {

    /**
     * Three attempts, 3 s per connect, connections outlive their deleted server, 10 s drain, up to
     * {@value ConnectionTable#DEFAULT_MAX_CAPACITY} entries (room for about 35,000 new connections a
     * second lingering 120 s in TIME_WAIT; 496 MiB when full), native transport when available.
     */
    public static final ProxyOptions DEFAULT = new ProxyOptions(3, Duration.ofSeconds(3), false, Duration.ofSeconds(10),
            ConnectionTable.DEFAULT_MAX_CAPACITY, true, ProxyOptions.NO_SOCKET_BUDGET);

    /** No descriptor budget: the engine opens sockets until the process's limit says no. */
    public static final int NO_SOCKET_BUDGET = Integer.MAX_VALUE;

    /** The sockets one proxied TCP connection holds: the client's and the real server's. */
    public static final int SOCKETS_PER_TCP_CONNECTION = 2;

    /** The connection table's size when the engine starts; it grows from there. */
    public static final int INITIAL_CONNECTIONS = 4096;

    public ProxyOptions {
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connectAttempts must be at least 1: " + connectAttempts);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (maxConnections < 1 || maxConnections > ConnectionTable.LIMIT_CAPACITY) {
            throw new IllegalArgumentException("maxConnections must be between 1 and " + ConnectionTable.LIMIT_CAPACITY
                    + ": " + maxConnections);
        }
        if (maxOpenSockets < SOCKETS_PER_TCP_CONNECTION) {
            throw new IllegalArgumentException("maxOpenSockets must be at least " + SOCKETS_PER_TCP_CONNECTION
                    + " (one proxied connection): " + maxOpenSockets);
        }
    }

    public ProxyOptions withConnectAttempts(int attempts) {
        return new ProxyOptions(attempts, connectTimeout, expireNodestConn, drainTimeout, maxConnections,
                nativeTransport, maxOpenSockets);
    }

    public ProxyOptions withConnectTimeout(Duration timeout) {
        return new ProxyOptions(connectAttempts, timeout, expireNodestConn, drainTimeout, maxConnections,
                nativeTransport, maxOpenSockets);
    }

    public ProxyOptions withExpireNodestConn(boolean expire) {
        return new ProxyOptions(connectAttempts, connectTimeout, expire, drainTimeout, maxConnections,
                nativeTransport, maxOpenSockets);
    }

    public ProxyOptions withDrainTimeout(Duration timeout) {
        return new ProxyOptions(connectAttempts, connectTimeout, expireNodestConn, timeout, maxConnections,
                nativeTransport, maxOpenSockets);
    }

    public ProxyOptions withMaxConnections(int max) {
        return new ProxyOptions(connectAttempts, connectTimeout, expireNodestConn, drainTimeout, max,
                nativeTransport, maxOpenSockets);
    }

    public ProxyOptions withNativeTransport(boolean useNative) {
        return new ProxyOptions(connectAttempts, connectTimeout, expireNodestConn, drainTimeout, maxConnections,
                useNative, maxOpenSockets);
    }

    public ProxyOptions withMaxOpenSockets(int max) {
        return new ProxyOptions(connectAttempts, connectTimeout, expireNodestConn, drainTimeout, maxConnections,
                nativeTransport, max);
    }
}
