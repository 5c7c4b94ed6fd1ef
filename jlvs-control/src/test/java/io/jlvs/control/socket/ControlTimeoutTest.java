package io.jlvs.control.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JLVS_TIMEOUT: seconds with decimals, 10 s when unset, a clear error for anything else. */
class ControlTimeoutTest {

    @ParameterizedTest
    @CsvSource({"10, 10000000000, 10 s", "0.5, 500000000, 0.5 s", "2.250, 2250000000, 2.25 s", "' 3 ', 3000000000, 3 s"})
    void aNumberOfSecondsIsRead(String text, long nanos, String shown) {
        ControlTimeout timeout = ControlTimeout.fromEnvironment(Map.of("JLVS_TIMEOUT", text));

        assertEquals(nanos, timeout.nanos());
        assertEquals(shown, timeout.toString());
    }

    @Test
    void unsetOrEmptyMeansTenSeconds() {
        assertEquals(ControlTimeout.DEFAULT, ControlTimeout.fromEnvironment(Map.of()));
        assertEquals(ControlTimeout.DEFAULT, ControlTimeout.fromEnvironment(Map.of("JLVS_TIMEOUT", "")));
        assertEquals("10 s", ControlTimeout.DEFAULT.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "10s", "NaN", "1e9", "1,5"})
    void anythingElseIsRefusedNamingTheVariableAndTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControlTimeout.fromEnvironment(Map.of("JLVS_TIMEOUT", text)));

        assertEquals("JLVS_TIMEOUT must be a number of seconds greater than 0 and at most 1000000 (such as 10 or 0.5),"
                + " not '" + text + "'", e.getMessage());
    }
}
