package io.jlvs.control.api;

import io.jlvs.core.model.ServiceKey;

/** Requests that read state and change nothing. */
public sealed interface Query extends Request {

    /** Services with their destinations, stats and rates: all of them, or (key non-null) one. */
    record GetServices(ServiceKey key) implements Query {
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

    /** Which data plane jlvsd runs (jlvs adm tells the user when it serves -g/-i by proxying). */
    record GetDataPlane() implements Query {
    }
}
