package io.jlvs.control;

import io.jlvs.control.api.Reply;

/**
 * Turns services into the text of a numeric listing ({@link io.jlvs.control.api.Query.GetListing}).
 * The formats are ipvsadm's and live with its parser in jlvs-cli; jlvsd hands its formatter to the
 * {@link ServiceManager}, which without one answers a listing with the services themselves.
 */
@FunctionalInterface
public interface ListingFormatter {
    /**
     * @param services what the listing shows
     * @param one      whether one service was asked for (no header line), else all
     * @param format   the listing options' bits, as the query carried them
     */
    String format(Reply.Services services, boolean one, int format);
}
