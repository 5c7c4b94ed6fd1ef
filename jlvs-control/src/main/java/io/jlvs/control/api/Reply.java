package io.jlvs.control.api;

import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.util.List;

/** What jlvsd answers to a request. */
public sealed interface Reply {

    /** The command was applied. */
    record Ok() implements Reply {
    }

    /**
     * The request was refused and nothing changed.
     *
     * @param error   what went wrong, as libipvs reports it
     * @param index   for a Batch, the index of the command that failed; else 0
     */
    record Failure(IpvsError error, int index) implements Reply {
    }

    /** The services asked for, in the order the table keeps them. */
    record Services(int connectionTableSize, List<ServiceStatus> services) implements Reply {
        public Services {
            services = List.copyOf(services);
        }
    }

    /** The connection entries. */
    record Connections(List<ConnectionEntry> connections) implements Reply {
        public Connections {
            connections = List.copyOf(connections);
        }
    }

    /** The current timeouts. */
    record CurrentTimeouts(Timeouts timeouts) implements Reply {
    }

    /**
     * The data plane jlvsd runs: "proxy", "none" (the table is kept but nothing is forwarded) or,
     * later, "packet".
     */
    record DataPlane(String name) implements Reply {
    }

    /** The answer to ClaimProxyNotice: due is true when jlvs adm is to print the note now. */
    record ProxyNotice(boolean due) implements Reply {
    }

    /** The running sync daemons. */
    record Daemons(List<SyncDaemonSpec> daemons) implements Reply {
        public Daemons {
            daemons = List.copyOf(daemons);
        }
    }
}
