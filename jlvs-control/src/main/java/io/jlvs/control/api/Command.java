package io.jlvs.control.api;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.net.InetAddress;
import java.util.List;

/**
 * Every change to the virtual-service table. The ServiceManager validates a command against the
 * current state and either rejects it, changing nothing, or applies it and publishes a new snapshot.
 */
public sealed interface Command extends Request {

    /** ipvsadm -A. */
    record AddService(ServiceSpec service) implements Command {
    }

    /** ipvsadm -E. */
    record EditService(ServiceSpec service) implements Command {
    }

    /** ipvsadm -D. */
    record DelService(ServiceKey key) implements Command {
    }

    /** ipvsadm -C. */
    record Flush() implements Command {
    }

    /** ipvsadm -a. */
    record AddDest(ServiceKey key, DestinationSpec destination) implements Command {
    }

    /** ipvsadm -e. */
    record EditDest(ServiceKey key, DestinationSpec destination) implements Command {
    }

    /** ipvsadm -d. */
    record DelDest(ServiceKey key, InetAddress address, int port) implements Command {
    }

    /** ipvsadm -Z, for one service or (key null) all. */
    record Zero(ServiceKey key) implements Command {
    }

    /** ipvsadm --set; a 0 keeps the current value. */
    record SetTimeouts(Timeouts timeouts) implements Command {
    }

    /** ipvsadm --start-daemon. */
    record StartDaemon(SyncDaemonSpec daemon) implements Command {
    }

    /** ipvsadm --stop-daemon. */
    record StopDaemon(SyncDaemonSpec.State state) implements Command {
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
