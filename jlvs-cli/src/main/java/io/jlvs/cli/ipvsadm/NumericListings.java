package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ListingFormatter;
import io.jlvs.control.api.Reply;

/**
 * ipvsadm's numeric service listings formatted inside jlvsd (Query.GetListing): jlvsd's code is
 * warm where a jlvs adm started from a shell loop would run the formatter cold for every call.
 * Numeric only, so jlvsd resolves no names on a client's behalf: a format without -n is listed
 * numerically all the same, and jlvs adm asks for a formatted listing only with -n.
 */
public final class NumericListings implements ListingFormatter {
    private final ServiceListing listing = new ServiceListing(NameResolver.NONE);

    @Override
    public String format(Reply.Services services, boolean one, int format) {
        ListFormat flags = ListFormat.ofBits(format);
        if (!one) {
            return listing.all(services.connectionTableSize(), services.services(), flags);
        }
        return services.services().isEmpty() ? "" : listing.one(services.services().getFirst(), flags);
    }
}
