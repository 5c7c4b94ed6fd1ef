package io.jlvs.control;

import io.jlvs.control.api.Command;

/**
 * Told about every change to the table: the runtime mirror the engines schedule with, and the
 * engines themselves. Called with the ServiceManager's lock held, once per applied command (the
 * members of a Batch one by one, never the Batch itself), in order; it must not call back into
 * the ServiceManager and should return quickly.
 */
@FunctionalInterface
public interface ServiceTableListener {

    /** A command was applied and this is the table after it. */
    void tableChanged(Command applied, ServiceTable table);
}
