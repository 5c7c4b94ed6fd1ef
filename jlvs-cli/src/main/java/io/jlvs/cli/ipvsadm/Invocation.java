package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
import io.jlvs.core.model.ServiceKey;

/** One parsed ipvsadm command line: what to do once parsing has succeeded. */
sealed interface Invocation {

    /** A change to the table (-A -E -D -C -a -e -d -Z --set --start-daemon --stop-daemon, Alibaba's -P -Q). */
    record Apply(Command command) implements Invocation {
    }

    /** -L without a service: the whole table. */
    record ListAll(ListFormat format) implements Invocation {
    }

    /** -L with a service: that service only, without the version header. */
    record ListService(ServiceKey key, ListFormat format) implements Invocation {
    }

    /** -L -c. */
    record ListConnections(ListFormat format) implements Invocation {
    }

    /** -L --timeout. */
    record ListTimeouts() implements Invocation {
    }

    /** -L --daemon. */
    record ListDaemons() implements Invocation {
    }

    /** -S: the table as ipvsadm command lines. */
    record Save(ListFormat format) implements Invocation {
    }

    /** Alibaba's -G: the FULLNAT local addresses of one service, or (key null) of every service. */
    record ListLocalAddresses(ServiceKey key) implements Invocation {
    }

    /** -R: commands from stdin. */
    record Restore() implements Invocation {
    }

    /** popt refused an option after the command: printed, status -1, and -R goes on. */
    record Rejected(String message) implements Invocation {
    }
}
