package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.LinuxNative;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.testkit.Prerequisites;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The availability probe and the checks made before any system call. */
class AfPacketTest {

    @Test
    void availableToRootOnLinuxOtherwiseUnavailableWithTheReason() {
        boolean expected = LinuxNative.isAvailable() && TestNetwork.isRoot();
        assertEquals(expected, AfPacket.isAvailable(), () -> String.valueOf(AfPacket.unavailabilityCause()));
        if (expected) {
            assertNull(AfPacket.unavailabilityCause());
        } else {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> AfPacketPort.open("lo"));
            assertTrue(e.getMessage().startsWith("AF_PACKET is unavailable: "), e.getMessage());
        }
    }

    @Test
    void withoutCapNetRawTheProbeSaysWhatIsNeeded() throws Exception {
        Prerequisites.require(TestNetwork.isRoot(), "dropping CAP_NET_RAW from a child needs root to have it");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder("setpriv", "--bounding-set", "-net_raw", "--inh-caps", "-net_raw", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                AfPacketProbe.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String output = new String(child.getInputStream().readAllBytes()).strip();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the probe finished");
            assertEquals("AF_PACKET needs root or CAP_NET_RAW (socket(AF_PACKET, SOCK_RAW): Operation not permitted"
                    + " (errno 1))", output);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aRefusedSocketMeansRootOrCapNetRawIsNeeded() {
        assertEquals("AF_PACKET needs root or CAP_NET_RAW (socket(AF_PACKET, SOCK_RAW): Operation not permitted (errno 1))",
                AfPacket.causeOf(Errno.EPERM).getMessage());
        assertEquals("AF_PACKET needs root or CAP_NET_RAW (socket(AF_PACKET, SOCK_RAW): Permission denied (errno 13))",
                AfPacket.causeOf(Errno.EACCES).getMessage());
        assertEquals("this kernel has no AF_PACKET (socket(AF_PACKET, SOCK_RAW): Address family not supported by protocol"
                + " (errno 97))", AfPacket.causeOf(Errno.EAFNOSUPPORT).getMessage());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "sixteen-bytes-xx", "a/b", "eth 0", "tab\t"})
    void whatCannotBeAnInterfaceNameIsRefusedBeforeAnySystemCall(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AfPacketPort.open(name));
        assertEquals("not an interface name: '" + name + "' (1 to 15 bytes, no '/' or white space)", e.getMessage());
    }

    @Test
    void aTransmitBlockHoldsFifteenSlotsOfA64KiBFrame() {
        assertEquals(15, AfPacketPort.TRANSMIT_SLOTS_PER_BLOCK);
        assertTrue(AfPacketPort.TRANSMIT_SLOT_BYTES >= 48 + 10 + 65_535 + 18);
        assertEquals(0, AfPacketPort.TRANSMIT_SLOT_BYTES % 16, "TPACKET_ALIGNMENT");
    }
}
