package io.jlvs.core.conn;

/**
 * Told when the connection table removes an entry (it expired, or was expired at once), while the
 * entry's fields can still be read: what a data plane bound to the entry (a FULLNAT local address
 * and port) is released here. Called on the table's thread; must not allocate or block.
 */
@FunctionalInterface
public interface EntryRemoval {

    /** The entry at slot is about to be freed. */
    void removed(int slot);
}
