package io.jlvs.control.api;

import io.jlvs.core.model.ServiceKey;

/** Requests that read state and change nothing. */
public sealed interface Query extends Request {

    /** Services with their destinations, stats and rates: all of them, or (key non-null) one. */
    record GetServices(ServiceKey key) implements Query {
    }

    /**
     * The FULLNAT local addresses (Alibaba LVS's ipvsadm -G) of one service, or (key null) of every
     * service in the kernel's order, with their counts.
     */
    record GetLocalAddresses(ServiceKey key) implements Query {
    }

    /** The connection entries (ipvsadm -Lc). */
    record GetConnections() implements Query {
    }

    /** The --set timeouts (ipvsadm -L --timeout). */
    record GetTimeouts() implements Query {
    }

    /** The sync daemons (ipvsadm -L --daemon). */
    record GetDaemons() implements Query {
    }

    /**
     * A numeric service listing (ipvsadm -Ln and its variants, -Sn) as the text jlvs adm prints:
     * every service, or (key non-null) one. jlvsd formats it, warm, so that a client started from a
     * shell loop only prints it; {@code format} holds the listing options' bits (jlvs-cli's
     * ListFormat). A jlvsd that cannot format answers with {@link Reply.Services} instead.
     */
    record GetListing(ServiceKey key, int format) implements Query {
        /** The bits {@code format} may hold (nine listing options). */
        public static final int FORMAT_BITS = (1 << 9) - 1;

        public GetListing {
            if ((format & ~FORMAT_BITS) != 0) {
                throw new IllegalArgumentException("listing format bits out of range: " + format);
            }
        }
    }

    /** Which data plane jlvsd runs. */
    record GetDataPlane() implements Query {
    }

    /** The data plane's own counters (jlvs status). */
    record GetEngineCounters() implements Query {
    }

    /**
     * Whether jlvs adm is still to tell the user that the proxy engine serves -g/-i real servers by
     * proxying: jlvsd answers yes once per run, only while it proxies, and remembers that it did.
     * It changes no rule.
     */
    record ClaimProxyNotice() implements Query {
    }
}
