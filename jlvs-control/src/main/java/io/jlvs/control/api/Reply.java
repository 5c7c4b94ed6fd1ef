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
     * The request was refused and nothing changed (for a Batch: nothing from the failed command on).
     *
     * @param error   what went wrong as libipvs reports it, or null when jlvs refuses for a reason of
     *                its own (something it does not have, an engine that could not apply the change)
     * @param index   for a Batch, the index of the command that failed; else 0
     * @param detail  jlvs's own message, or null for libipvs's text alone (a reply from before
     *                jlvs had the field reads as null)
     */
    record Failure(IpvsError error, int index, String detail) implements Reply {
        public Failure {
            if (error == null && (detail == null || detail.isBlank())) {
                throw new IllegalArgumentException("a failure needs an IpvsError or a message");
            }
        }

        /** A refusal with libipvs's text. */
        public Failure(IpvsError error, int index) {
            this(error, index, null);
        }

        /** A refusal of jlvs's own, with its message. */
        public static Failure jlvs(String message, int index) {
            return new Failure(null, index, message);
        }

        /** What the CLI prints: jlvs's message when there is one, else libipvs's text. */
        public String message() {
            return detail != null && !detail.isBlank() ? detail : error.message();
        }
    }

    /** The services asked for, in the order the table keeps them. */
    record Services(int connectionTableSize, List<ServiceStatus> services) implements Reply {
        public Services {
            services = List.copyOf(services);
        }
    }

    /** A service listing as jlvs adm prints it (the answer to {@link Query.GetListing}). */
    record Listing(String text) implements Reply {
        public Listing {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** The local addresses asked for: per service, in the order asked, each list in the order added. */
    record LocalAddresses(List<ServiceLocalAddresses> services) implements Reply {
        public LocalAddresses {
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

    /** The data plane's name and its counters, in the engine's order. */
    record EngineCounters(String dataPlane, List<EngineCounter> counters) implements Reply {
        public EngineCounters {
            counters = List.copyOf(counters);
        }
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
