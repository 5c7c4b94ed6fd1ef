package io.jlvs.control.state;

import io.jlvs.control.ServiceTable;

/**
 * state.json as jlvs wrote it before the snapshot and journal (version 1): the whole table in one
 * JSON document, rewritten on every change. Read once and converted.
 */
public record StateDocument(String format, int version, ServiceTable table) {
    static final String FORMAT = "jlvs-state";
    static final int VERSION = 1;
}
