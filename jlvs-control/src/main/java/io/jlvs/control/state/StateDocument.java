package io.jlvs.control.state;

import io.jlvs.control.ServiceTable;

/**
 * The snapshot's top level: a format tag, a version and, from version 2, the generation the
 * journal next to it must name, around the table. Version 1 (no journal, no generation: null) is
 * read and converted.
 */
public record StateDocument(String format, int version, Long generation, ServiceTable table) {
    static final String FORMAT = "jlvs-state";
    /** A snapshot with a journal beside it. */
    static final int VERSION = 2;
    /** The whole table in one pretty-printed file, rewritten on every change (jlvs before the journal). */
    static final int VERSION_WITHOUT_JOURNAL = 1;
}
