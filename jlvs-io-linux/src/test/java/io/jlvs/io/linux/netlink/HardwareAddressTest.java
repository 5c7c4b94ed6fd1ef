package io.jlvs.io.linux.netlink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Link-layer addresses parsed and printed as ip prints them, and malformed ones refused by name. */
class HardwareAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"02:00:00:00:00:55", "ff:ff:ff:ff:ff:ff", "0a:00:00:01"})
    void anAddressPrintsAsItWasWritten(String text) {
        assertEquals(text, HardwareAddress.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00:", "02-00-00-00-00-55", "zz:00:00:00:00:55", "020000000055"})
    void aMalformedAddressIsRefusedByName(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardwareAddress.parse(text));
        assertEquals("not a link-layer address (aa:bb:cc:dd:ee:ff): '" + text + "'", e.getMessage());
    }

    @Test
    void theBytesAreACopy() {
        HardwareAddress address = HardwareAddress.parse("02:00:00:00:00:55");
        address.bytes()[0] = 9;
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0x55}, address.bytes());
        assertEquals(6, address.length());
    }
}
