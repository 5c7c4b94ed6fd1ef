package io.jlvs.control;

import io.jlvs.control.api.Command;

import java.io.IOException;
import java.util.List;

/** Where the ServiceManager persists each request that changed the table. */
@FunctionalInterface
public interface TableStore {

    /** Keeps nothing: a table that lives only in memory (tests, simulate). */
    TableStore NONE = (applied, next) -> {
    };

    /**
     * Persists one request: the commands it applied, in order, which turned the previous table
     * into next. When this throws, the change is not applied.
     */
    void commit(List<Command> applied, ServiceTable next) throws IOException;
}
