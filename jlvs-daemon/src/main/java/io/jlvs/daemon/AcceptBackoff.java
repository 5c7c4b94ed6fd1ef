package io.jlvs.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the control socket's accept loop does when accept(2) fails, typically with EMFILE when the
 * process is out of descriptors: wait, 10 ms at first and twice as long after each further
 * failure up to 1 s, instead of retrying at once (which spins a core and floods the log), and log
 * one line when an episode starts and one when accepting works again.
 */
final class AcceptBackoff {
    static final long FIRST_DELAY_MILLIS = 10;
    static final long MAX_DELAY_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(AcceptBackoff.class);

    private long failures;
    private long delayMillis;

    /** Records a failed accept and returns how many milliseconds to wait before the next one. */
    long failed(Exception cause) {
        if (failures++ == 0) {
            delayMillis = FIRST_DELAY_MILLIS;
            LOG.warn("accepting control connections fails: {}; retrying every {} ms up to every {} ms until it works",
                    cause.toString(), FIRST_DELAY_MILLIS, MAX_DELAY_MILLIS);
        } else {
            delayMillis = Math.min(delayMillis * 2, MAX_DELAY_MILLIS);
        }
        return delayMillis;
    }

    /** Records a successful accept, ending the episode of failures if there was one. */
    void succeeded() {
        if (failures > 0) {
            LOG.info("accepting control connections works again, after {} failed attempts", failures);
            failures = 0;
        }
    }

    /** Failed attempts in the current episode (0 when accepting works). */
    long failures() {
        return failures;
    }
}
