package io.jlvs.control;

import java.io.IOException;

/** Where the ServiceManager persists the table after each request that changed it. */
@FunctionalInterface
public interface TableStore {

    /** Keeps nothing: a table that lives only in memory (tests, simulate). */
    TableStore NONE = table -> {
    };

    /** Persists the whole table; when this throws, the change is not applied. */
    void save(ServiceTable table) throws IOException;
}
