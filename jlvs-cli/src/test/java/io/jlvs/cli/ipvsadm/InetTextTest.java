package io.jlvs.cli.ipvsadm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** glibc's inet_aton, inet_pton and inet_ntop, case by case. */
class InetTextTest {

    @ParameterizedTest(name = "inet_aton({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
        10.0.0.1        | 10.0.0.1
        10.1            | 10.0.0.1
        10.1.2          | 10.1.0.2
        167772161       | 10.0.0.1
        0x0a.0.0.01     | 10.0.0.1
        012.0.0.1       | 10.0.0.1
        0xA000001       | 10.0.0.1
        255.255.255.255 | 255.255.255.255
        0               | 0.0.0.0
        1.2.3.4 junk    | 1.2.3.4
        1.2.3.256       | none
        256.1.1.1       | none
        1.2.3.4.5       | none
        1..2            | none
        08.1.1.1        | none
        1.2.3.4x        | none
        4294967296      | none
        1.16777216      | none
        ''              | none
        host            | none
        """)
    void atonReadsCShorthands(String text, String expected) {
        assertEquals(expected, InetText.parseIpv4(text).map(InetText::format).orElse("none"));
    }

    @ParameterizedTest(name = "inet_pton6({0}) -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        2001:db8::1                      | 2001:db8::1
        2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
        ::                               | ::
        ::1                              | ::1
        1::                              | 1::
        ::ffff:1.2.3.4                   | ::ffff:1.2.3.4
        ::1.2.3.4                        | ::1.2.3.4
        1:0:0:2:0:0:0:3                  | 1:0:0:2::3
        1:0:0:2:0:0:3:4                  | 1::2:0:0:3:4
        1:0:2:3:4:5:6:7                  | 1:0:2:3:4:5:6:7
        fe80::1:0:0:1                    | fe80::1:0:0:1
        1:2:3:4:5:6:7:8                  | 1:2:3:4:5:6:7:8
        1:2:3:4:5:6:7:8:9                | none
        1::2::3                          | none
        12345::                          | none
        :1::                             | none
        1:                               | none
        ::1.2.3.04                       | none
        1.2.3.4                          | none
        g::1                             | none
        """)
    void ptonAndNtopRoundTripLikeGlibc(String text, String expected) {
        assertEquals(expected, InetText.parseIpv6(text).map(InetText::format).orElse("none"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        224.0.0.81  | true
        1.2.3.4     | true
        1.2.3       | false
        01.2.3.4    | false
        1.2.3.4.    | false
        """)
    void dottedQuadIsStrict(String text, boolean valid) {
        Optional<byte[]> parsed = InetText.parseDottedQuad(text);
        assertEquals(valid, parsed.isPresent());
    }
}
