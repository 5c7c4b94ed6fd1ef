package io.jlvs.control.socket;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How long a client of jlvsd's control socket waits for one request, connect, send and reply
 * together: 10 s unless JLVS_TIMEOUT says otherwise, in seconds (decimals allowed), so a stopped
 * jlvsd or a listener that is not jlvsd cannot hold a script forever.
 *
 * @param seconds the limit, greater than 0
 */
public record ControlTimeout(BigDecimal seconds) {
    public static final String VARIABLE = "JLVS_TIMEOUT";
    // Before DEFAULT: its constructor checks against MAX_SECONDS.
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000);
    public static final ControlTimeout DEFAULT = new ControlTimeout(BigDecimal.TEN);

    public ControlTimeout {
        if (seconds.signum() <= 0 || seconds.compareTo(MAX_SECONDS) > 0) {
            throw new IllegalArgumentException("a timeout must be more than 0 and at most " + MAX_SECONDS
                    + " seconds, not " + seconds.toPlainString());
        }
    }

    /** The limit JLVS_TIMEOUT sets in environment, or the default when it is unset or empty. */
    public static ControlTimeout fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        return value == null || value.isEmpty() ? DEFAULT : parse(value);
    }

    /**
     * Reads a number of seconds such as "10" or "0.5".
     *
     * @throws IllegalArgumentException naming JLVS_TIMEOUT and the value when it is not one
     */
    public static ControlTimeout parse(String text) {
        try {
            return new ControlTimeout(new BigDecimal(text.strip()));
        } catch (IllegalArgumentException e) {
            // NumberFormatException is one too: not a number, or out of range.
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(VARIABLE + " must be a number of seconds greater than 0 and at most "
                + MAX_SECONDS + " (such as 10 or 0.5), not '" + text + "'");
    }

    /** The limit in nanoseconds, at least 1. */
    public long nanos() {
        return Math.max(1, seconds.multiply(NANOS_PER_SECOND).longValue());
    }

    /** "10 s", "0.5 s": the limit as a message shows it. */
    @Override
    public String toString() {
        return seconds.stripTrailingZeros().toPlainString() + " s";
    }
}
