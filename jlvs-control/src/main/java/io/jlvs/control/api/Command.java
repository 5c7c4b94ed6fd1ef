package io.jlvs.control.api;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.Ports;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Every change to the virtual-service table. The ServiceManager validates a command against the
 * current state and either rejects it, changing nothing, or applies it and publishes a new snapshot.
 */
public sealed interface Command extends Request {

    /** ipvsadm -A. */
    record AddService(ServiceSpec service) implements Command {
        public AddService {
            Objects.requireNonNull(service, "service");
        }
    }

    /** ipvsadm -E. */
    record EditService(ServiceSpec service) implements Command {
        public EditService {
            Objects.requireNonNull(service, "service");
        }
    }

    /** ipvsadm -D. */
    record DelService(ServiceKey key) implements Command {
        public DelService {
            Objects.requireNonNull(key, "key");
        }
    }

    /** ipvsadm -C. */
    record Flush() implements Command {
    }

    /** ipvsadm -a. */
    record AddDest(ServiceKey key, DestinationSpec destination) implements Command {
        public AddDest {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** ipvsadm -e. */
    record EditDest(ServiceKey key, DestinationSpec destination) implements Command {
        public EditDest {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** ipvsadm -d. */
    record DelDest(ServiceKey key, InetAddress address, int port) implements Command {
        public DelDest {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(address, "address");
            Ports.check("port", port);
        }
    }

    /** Alibaba LVS's ipvsadm -P (--add-laddr): a FULLNAT local address for a service, at the end of its list. */
    record AddLocalAddress(ServiceKey key, InetAddress address) implements Command {
        public AddLocalAddress {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Alibaba LVS's ipvsadm -Q (--del-laddr). */
    record DelLocalAddress(ServiceKey key, InetAddress address) implements Command {
        public DelLocalAddress {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(address, "address");
        }
    }

    /** ipvsadm -Z, for one service or (key null) all. */
    record Zero(ServiceKey key) implements Command {
    }

    /** ipvsadm --set; a 0 keeps the current value. */
    record SetTimeouts(Timeouts timeouts) implements Command {
        public SetTimeouts {
            Objects.requireNonNull(timeouts, "timeouts");
        }
    }

    /** ipvsadm --start-daemon. */
    record StartDaemon(SyncDaemonSpec daemon) implements Command {
        public StartDaemon {
            Objects.requireNonNull(daemon, "daemon");
        }
    }

    /** ipvsadm --stop-daemon. */
    record StopDaemon(SyncDaemonSpec.State state) implements Command {
        public StopDaemon {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * Several commands applied in order, as ipvsadm -R does line by line. It stops at the first
     * that fails; the ones before it stay applied, as with ipvsadm.
     */
    record Batch(List<Command> commands) implements Command {
        public Batch {
            commands = List.copyOf(commands);
        }
    }
}
