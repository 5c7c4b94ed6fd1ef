package io.jlvs.daemon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request line in budgeted chunks: the bytes come back whole, and the chunks go back to the budget. */
class RequestLineTest {
    private static final int CHUNK = RequestBudget.CHUNK_BYTES;

    @Test
    void bytesAppendedAcrossChunksReadBackWholeAndTheChunksAreGivenBack() throws Exception {
        RequestBudget budget = new RequestBudget(4L * CHUNK, Duration.ZERO);
        byte[] data = new byte[2 * CHUNK + 123];
        new Random(7).nextBytes(data);
        try (RequestLine line = new RequestLine(budget)) {
            // Pieces of odd sizes, as reads from a socket come.
            for (int at = 0; at < data.length; at += 1000) {
                assertTrue(line.append(data, at, Math.min(1000, data.length - at)));
            }

            assertEquals(data.length, line.length());
            assertEquals(1, budget.freeChunks());
            assertArrayEquals(data, readAll(line.stream()));
        }
        assertEquals(4, budget.freeChunks());
    }

    @Test
    void whenTheBudgetIsSpentAppendSaysSoAndTakesNothingMore() throws Exception {
        RequestBudget budget = new RequestBudget(CHUNK, Duration.ZERO);
        try (RequestLine first = new RequestLine(budget); RequestLine second = new RequestLine(budget)) {
            assertTrue(first.append(new byte[10], 0, 10));

            assertFalse(second.append(new byte[10], 0, 10));
            assertEquals(0, second.length());
        }
        assertEquals(1, budget.freeChunks());
    }

    @Test
    void aReaderWaitsForAChunkAnotherGivesBack() throws Exception {
        RequestBudget budget = new RequestBudget(CHUNK, Duration.ofSeconds(30));
        RequestLine first = new RequestLine(budget);
        first.append(new byte[1], 0, 1);
        Thread.ofVirtual().start(() -> {
            sleep();
            first.close();
        });

        byte[] chunk = budget.takeChunk();

        assertEquals(CHUNK, chunk.length);
        assertEquals(0, budget.freeChunks(), "the chunk the first line gave back is the second's now");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
