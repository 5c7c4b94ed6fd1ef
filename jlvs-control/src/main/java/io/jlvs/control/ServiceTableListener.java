package io.jlvs.control;

import io.jlvs.control.api.Command;

/**
 * Told about every change to the table once it is in effect: applied to the attached engine and
 * saved (engines themselves are attached with {@link ServiceManager#attach}, not as listeners).
 * Called with the ServiceManager's command lock held, once per applied command (the members of a
 * Batch one by one, never the Batch itself), in order; it must not call back into the
 * ServiceManager with a command and should return quickly.
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
