package io.jlvs.cli.ipvsadm;

/**
 * How a listing is printed: ipvsadm's FMT_* flags. When several listing options are given, the
 * first of stats, rate, thresholds, persistent-conn, tun-info wins, as in ipvsadm.
 */
record ListFormat(boolean numeric, boolean stats, boolean rate, boolean thresholds, boolean persistentConn,
                  boolean noSort, boolean exact, boolean tunInfo, boolean rule) {

    static final ListFormat PLAIN = new ListFormat(false, false, false, false, false, false, false, false, false);

    ListFormat withRule() {
        return new ListFormat(numeric, stats, rate, thresholds, persistentConn, noSort, exact, tunInfo, true);
    }
}
