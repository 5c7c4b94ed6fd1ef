package io.jlvs.control.socket;

import java.util.Map;

/**
 * How long a client of jlvsd's control socket waits for one request, connect, send and reply
 * together: 10 s unless JLVS_TIMEOUT says otherwise, in seconds (decimals allowed), so a stopped
 * jlvsd or a listener that is not jlvsd cannot hold a script forever. Read by hand, without
 * BigDecimal: initialising BigDecimal (and BigInteger) cost each jlvs adm call about 13 ms.
 *
 * @param nanos the limit in nanoseconds, greater than 0
 */
public record ControlTimeout(long nanos) {
    public static final String VARIABLE = "JLVS_TIMEOUT";
    private static final long MAX_SECONDS = 1_000_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Digits of a fraction of a second that a nanosecond count holds. */
    private static final int FRACTION_DIGITS = 9;
    public static final ControlTimeout DEFAULT = new ControlTimeout(10 * NANOS_PER_SECOND);

    public ControlTimeout {
        if (nanos <= 0 || nanos > MAX_SECONDS * NANOS_PER_SECOND) {
            throw new IllegalArgumentException("a timeout must be more than 0 and at most " + MAX_SECONDS
                    + " seconds, not " + nanos + " ns");
        }
    }

    /** The limit JLVS_TIMEOUT sets in environment, or the default when it is unset or empty. */
    public static ControlTimeout fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        return value == null || value.isEmpty() ? DEFAULT : parse(value);
    }

    /**
     * Reads a number of seconds such as "10" or "0.5" (digits, and a fraction after a point).
     *
     * @throws IllegalArgumentException naming JLVS_TIMEOUT and the value when it is not one
     */
    public static ControlTimeout parse(String text) {
        String number = text.strip();
        int point = number.indexOf('.');
        String whole = point < 0 ? number : number.substring(0, point);
        String fraction = point < 0 ? "" : number.substring(point + 1);
        // more whole digits than MAX_SECONDS has are out of range, and could overflow a long
        if (whole.isEmpty() && fraction.isEmpty() || !digits(whole) || !digits(fraction)
                || whole.length() > Long.toString(MAX_SECONDS).length()) {
            throw invalid(text);
        }
        long nanos = (whole.isEmpty() ? 0 : Long.parseLong(whole)) * NANOS_PER_SECOND;
        String nine = (fraction + "0".repeat(FRACTION_DIGITS)).substring(0, FRACTION_DIGITS);
        nanos += Long.parseLong(nine);
        boolean positive = number.chars().anyMatch(c -> c >= '1' && c <= '9');
        try {
            // a fraction finer than a nanosecond is a nanosecond
            return new ControlTimeout(positive ? Math.max(1, nanos) : 0);
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static boolean digits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(VARIABLE + " must be a number of seconds greater than 0 and at most "
                + MAX_SECONDS + " (such as 10 or 0.5), not '" + text + "'");
    }

    /** "10 s", "0.5 s": the limit as a message shows it. */
    @Override
    public String toString() {
        long fraction = nanos % NANOS_PER_SECOND;
        String digits = String.format("%09d", fraction).replaceAll("0+$", "");
        return nanos / NANOS_PER_SECOND + (fraction == 0 ? "" : "." + digits) + " s";
    }
}
