package io.jlvs.cli.ipvsadm;

import java.util.OptionalLong;

/** The C library's number parsing as ipvsadm uses it: strtol, its string_to_number, atoi, isdigit. */
final class CNumbers {

    private CNumbers() {
    }

    /**
     * strtol(s, &end, 10) that must consume the whole string: optional leading white space, an
     * optional sign, at least one digit. Empty when ipvsadm would reject it (junk, or ERANGE).
     */
    static OptionalLong strtol(String s) {
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < s.length() && isDigit(s.charAt(i))) {
            int digit = s.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                overflow = true;
            } else {
                value = value * 10 + digit;
            }
            i++;
        }
        if (i == start || i != s.length() || overflow) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(negative ? -value : value);
    }

    /** ipvsadm's string_to_number: the value if it parses and lies in [min, max], else -1. */
    static int stringToNumber(String s, int min, int max) {
        OptionalLong value = strtol(s);
        if (value.isEmpty() || value.getAsLong() < min || value.getAsLong() > max) {
            return -1;
        }
        return (int) value.getAsLong();
    }

    /** atoi: leading white space, a sign, then as many digits as there are; 0 when none. */
    static int atoi(String s) {
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < s.length() && isDigit(s.charAt(i)) && value <= Integer.MAX_VALUE) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        value = Math.min(value, Integer.MAX_VALUE);
        return (int) (negative ? -value : value);
    }

    /** ipvsadm's str_is_digit: every character is a digit (true for the empty string). */
    static boolean isAllDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && " \t\n\r\f\u000B".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
