package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;

/**
 * Something the engine keeps open for a client (a proxied TCP connection, a UDP session): it is
 * listed so the engine can close it when its connection entry expires, when its real server is
 * deleted (expire_nodest_conn) and at shutdown. Runs on the engine's loop only.
 */
abstract class Session {
    /** The session's index in the engine's open list, or -1 when not listed. */
    private int position = -1;

    /** The connection entry the session lives on, or {@link ConnectionTable#NONE}. */
    abstract int slot();

    /** Whether the session has outlived its entry (or, without one, its idle time) at now. */
    boolean isExpired(ConnectionTable table, long nowNanos) {
        int slot = slot();
        return slot != ConnectionTable.NONE && !table.isLive(slot);
    }

    /** Whether this is a TCP connection, which shutdown lets drain. */
    abstract boolean isTcp();

    /** The session's entry is gone: close its sockets, touching no entry. */
    abstract void expired();

    /** Closes the session at once (TCP: with a reset), ending its entry's state as a reset would. */
    abstract void abort();

    /** The session's position in the engine's open list. */
    final int position() {
        return position;
    }

    final void position(int index) {
        position = index;
    }
}
