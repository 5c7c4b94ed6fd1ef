package io.jlvs.io.linux;

/**
 * The outcome of a probe made once (as Netty probes Epoll): available, or not with the cause and
 * the message that says so to the user.
 *
 * @param cause   why it is unavailable, or null when it is available
 * @param message what {@link #ensure()} says when it is unavailable (null when available)
 */
public record Availability(Throwable cause, String message) {

    /** Available. */
    public static final Availability AVAILABLE = new Availability(null, null);

    /** Unavailable because of cause, which the message names. */
    public static Availability unavailable(String message, Throwable cause) {
        return new Availability(cause, message);
    }

    /** Whether the probe succeeded. */
    public boolean isAvailable() {
        return cause == null;
    }

    /** Throws, with the message and the cause, unless available. */
    public void ensure() {
        if (cause != null) {
            throw new UnsupportedOperationException(message, cause);
        }
    }
}
