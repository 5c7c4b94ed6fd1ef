package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionTable;

/**
 * Something the engine keeps open for a client (a proxied TCP connection, a UDP session): it is
 * listed so the engine can close it when its connection entry expires, when its real server is
 * deleted (expire_nodest_conn) and at shutdown. Runs on the engine's loop only.
 */
interface Session {

    /** The connection entry the session lives on, or {@link ConnectionTable#NONE}. */
    int slot();

    /** Whether the session has outlived its entry (or, without one, its idle time) at now. */
    default boolean isExpired(ConnectionTable table, long nowNanos) {
        int slot = slot();
        return slot != ConnectionTable.NONE && !table.isLive(slot);
    }

    /** Whether this is a TCP connection, which shutdown lets drain. */
    boolean isTcp();

    /** The session's entry is gone: close its sockets, touching no entry. */
    void expired();

    /** Closes the session at once (TCP: with a reset), ending its entry's state as a reset would. */
    void abort();

    /** The session's position in the engine's open list. */
    int position();

    void position(int index);
}
