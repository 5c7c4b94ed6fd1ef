package io.jlvs.io.linux;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The availability probe: available on Linux, and elsewhere unavailable with the reason, never assumed. */
class LinuxNativeTest {

    @Test
    void availableOnLinuxOtherwiseUnavailableWithTheReason() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        assertEquals(linux, LinuxNative.isAvailable(), () -> String.valueOf(LinuxNative.unavailabilityCause()));
        if (linux) {
            assertNull(LinuxNative.unavailabilityCause());
        } else {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, DescriptorLimit::current);
            assertEquals("the Linux bindings are unavailable: " + LinuxNative.unavailabilityCause(), e.getMessage());
        }
    }
}
