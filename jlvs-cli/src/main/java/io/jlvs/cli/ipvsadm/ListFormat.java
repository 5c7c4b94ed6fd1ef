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

    /** The flags as bits, for a listing jlvsd formats (Query.GetListing), in the order of the components. */
    int bits() {
        boolean[] flags = {numeric, stats, rate, thresholds, persistentConn, noSort, exact, tunInfo, rule};
        int bits = 0;
        for (int i = 0; i < flags.length; i++) {
            bits |= flags[i] ? 1 << i : 0;
        }
        return bits;
    }

    /** The flags {@link #bits()} made. */
    static ListFormat ofBits(int bits) {
        return new ListFormat(bit(bits, 0), bit(bits, 1), bit(bits, 2), bit(bits, 3), bit(bits, 4), bit(bits, 5),
                bit(bits, 6), bit(bits, 7), bit(bits, 8));
    }

    private static boolean bit(int bits, int index) {
        return (bits & 1 << index) != 0;
    }
}
