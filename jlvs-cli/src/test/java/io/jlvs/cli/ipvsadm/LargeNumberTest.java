package io.jlvs.cli.ipvsadm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** print_largenum's thresholds and widths ('_' stands for a blank). */
class LargeNumberTest {

    @ParameterizedTest(name = "{0} -> {1} / exact {2}")
    @CsvSource(delimiter = '|', textBlock = """
        0                    | ________0 | ________0
        99999999             | _99999999 | _99999999
        100000000            | __100000K | _100000000
        999999999            | __999999K | _999999999
        1000000000           | ____1000M | _1000000000
        99999999999          | ___99999M | _99999999999
        100000000000         | _____100G | _100000000000
        99999999999999       | ___99999G | _99999999999999
        100000000000000      | _____100T | _100000000000000
        -1                   | 18446744T | _18446744073709551615
        """)
    void countersAbbreviateByThousandsAboveAHundredMillion(String value, String abbreviated, String exact) {
        long v = Long.parseUnsignedLong(value.startsWith("-") ? "18446744073709551615" : value);
        assertEquals(abbreviated.replace('_', ' '), LargeNumber.format(v, false));
        assertEquals(exact.replace('_', ' '), LargeNumber.format(v, true));
    }
}
