package io.jlvs.core.model;

import java.util.Objects;

/**
 * A connection-sync daemon as --start-daemon configures it.
 *
 * @param state          MASTER or BACKUP
 * @param interfaceName  --mcast-interface
 * @param syncId         --syncid, 0..255
 * @param maxLength      --sync-maxlen, 0 for the default
 * @param group          --mcast-group, "" for the default (224.0.0.81)
 * @param port           --mcast-port, 0 for the default (8848)
 * @param ttl            --mcast-ttl, 0 for the default (1)
 */
public record SyncDaemonSpec(State state, String interfaceName, int syncId, int maxLength, String group,
                             int port, int ttl) {
    /** Which side of the sync a daemon is on. */
    public enum State { MASTER, BACKUP }

    public SyncDaemonSpec {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(group, "group");
    }
}
