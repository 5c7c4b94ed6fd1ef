package io.jlvs.daemon.lab;

import io.jlvs.daemon.Main;
import io.jlvs.testkit.CapturedStdio;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jlvs lab's usage errors: each named, status 2, nothing built. */
class LabCommandTest {

    @Test
    void anUnknownLabIsRefusedNamingTheFive() {
        try (CapturedStdio stdio = CapturedStdio.start()) {
            assertEquals(2, Main.run("lab", "masq"));
            assertTrue(stdio.err().startsWith("Invalid value for positional parameter at index 0 (LAB): no lab 'masq'; the labs"
                    + " are nat, dr, dr-routed, tun and fullnat\n"), stdio.err());
            assertEquals("", stdio.out());
        }
    }

    @Test
    void noRequestsIsRefused() {
        try (CapturedStdio stdio = CapturedStdio.start()) {
            assertEquals(2, Main.run("lab", "nat", "--requests", "0"));
            assertEquals("jlvs lab: --requests must be at least 1, not 0\n", stdio.err());
            assertEquals("", stdio.out());
        }
    }

    @Test
    void theLabsAreAcceptedByTheirNames() {
        for (LabKind kind : LabKind.values()) {
            assertEquals(kind, new LabCommand.KindConverter().convert(kind.label().toUpperCase(java.util.Locale.ROOT)));
        }
    }
}
