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

    /** A command was applied; the table is the one after it (for a Batch's members: after the batch). */
    void tableChanged(Command applied, ServiceTable table);

    /**
     * Every command of one request has been reported. A data plane that applies changes
     * asynchronously waits here until they are in effect, so a request's reply means what it does
     * with the kernel: the rule is live when ipvsadm returns.
     */
    default void requestApplied() {
    }
}
