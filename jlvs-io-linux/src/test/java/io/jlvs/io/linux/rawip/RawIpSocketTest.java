package io.jlvs.io.linux.rawip;

import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.ffi.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawIpSocketTest {
    @ParameterizedTest
    @ValueSource(ints = {-1, 256})
    void aProtocolNumberOutsideAByteIsRefused(int protocol) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RawIpSocket.open(RawIpSocket.Family.IPV4, protocol));
        assertEquals("an IP protocol number is 0 to 255, not " + protocol, e.getMessage());
    }

    /** As root the socket opens and closes; otherwise the kernel's EPERM is named with the call. */
    @Test
    void opensWithCapNetRawOrSaysWhyNot() throws IOException {
        try (RawIpSocket socket = RawIpSocket.open(RawIpSocket.Family.IPV4, RawIpSocket.IPIP)) {
            assertTrue(socket.fd() >= 0);
            socket.receiveBufferSize(1 << 20);
        } catch (SystemCallException e) {
            assertEquals(Errno.EPERM, e.errno());
            assertTrue(e.getMessage().startsWith("socket(raw IPV4 socket of protocol 4): Operation not permitted"),
                    e.getMessage());
        }
    }
}
