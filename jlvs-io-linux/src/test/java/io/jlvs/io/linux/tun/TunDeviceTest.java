package io.jlvs.io.linux.tun;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TunDeviceTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "sixteen-letters!", "jlvs tun", "a/b", ".", "..", "jlvstun0123456789"})
    void aNameTheKernelWouldRefuseIsRefusedBeforeAnyCall(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TunDevice.open(name));
        assertEquals("not a device name: '" + name + "' (1 to 15 letters, digits, '.', '-' or '_')", e.getMessage());
    }
}
