package io.jlvs.cli.ipvsadm;

/**
 * ipvsadm's print_largenum: a counter in a 9-character column, abbreviated with K, M, G or T
 * past 100 million unless --exact asks for every digit.
 */
final class LargeNumber {

    private LargeNumber() {
    }

    /** The column text for an unsigned 64-bit counter. */
    static String format(long value, boolean exact) {
        String digits = Long.toUnsignedString(value);
        if (exact) {
            return Columns.right(digits, digits.length() <= 8 ? 9 : digits.length() + 1);
        }
        if (Long.compareUnsigned(value, 100_000_000L) < 0) {
            return Columns.right(digits, 9);
        } else if (Long.compareUnsigned(value, 1_000_000_000L) < 0) {
            return scaled(value, 1_000L, 'K');
        } else if (Long.compareUnsigned(value, 100_000_000_000L) < 0) {
            return scaled(value, 1_000_000L, 'M');
        } else if (Long.compareUnsigned(value, 100_000_000_000_000L) < 0) {
            return scaled(value, 1_000_000_000L, 'G');
        }
        return scaled(value, 1_000_000_000_000L, 'T');
    }

    private static String scaled(long value, long divisor, char unit) {
        return Columns.right(Long.toUnsignedString(Long.divideUnsigned(value, divisor)), 8) + unit;
    }
}
