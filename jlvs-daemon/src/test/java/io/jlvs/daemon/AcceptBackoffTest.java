package io.jlvs.daemon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The accept loop's wait after failures: 10 ms doubling to 1 s, and a new episode after a success. */
class AcceptBackoffTest {
    private static final IOException EMFILE = new IOException("Too many open files");

    @Test
    void theWaitDoublesFromTenMillisecondsUpToOneSecond() {
        AcceptBackoff backoff = new AcceptBackoff();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(backoff.failed(EMFILE));
        }

        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L, 1000L), waits);
        assertEquals(10, backoff.failures());
    }

    @Test
    void aSuccessEndsTheEpisodeAndTheNextFailureWaitsTenMillisecondsAgain() {
        AcceptBackoff backoff = new AcceptBackoff();
        backoff.failed(EMFILE);
        backoff.failed(EMFILE);

        backoff.succeeded();

        assertEquals(0, backoff.failures());
        assertEquals(10, backoff.failed(EMFILE));
    }
}
