package io.jlvs.control.state;

import io.jlvs.control.ServiceTable;

/** The state file's top level: a format tag and version around the table. */
public record StateDocument(String format, int version, ServiceTable table) {
    static final String FORMAT = "jlvs-state";
    static final int VERSION = 1;
}
