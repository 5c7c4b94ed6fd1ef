package io.jlvs.packet;

import io.jlvs.testkit.packet.Addresses;
import io.jlvs.testkit.packet.Frames;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outer header IpEncapsulation writes is the one the builder writes around the same packet. */
class IpEncapsulationTest {
    private final IpEncapsulation tunnel = new IpEncapsulation();

    @Test
    void ipipAndSixInFourMatchTheBuilder() {
        byte[][] inners = {
            Frames.ipv4("10.0.0.9", "10.0.0.100").dontFragment().tcp(40000, 80).syn().buildPacket(),
            Frames.ipv6("2001:db8::9", "2001:db8::100").udp(5, 53).payload(new byte[7]).buildPacket(),
        };
        for (byte[] inner : inners) {
            byte[] buffer = new byte[Ipv4Header.MIN_LENGTH + inner.length];
            System.arraycopy(inner, 0, buffer, Ipv4Header.MIN_LENGTH, inner.length);
            int version = (inner[0] & 0xFF) >>> 4;
            long outer = tunnel.encapsulateInIpv4(MemorySegment.ofArray(buffer), Ipv4Header.MIN_LENGTH, inner.length,
                    version, Addresses.ipv4Word("192.0.2.1"), Addresses.ipv4Word("10.1.0.1"), 64, 77, false);
            assertEquals(0, outer);
            byte[] expected = Frames.ipv4("192.0.2.1", "10.1.0.1").identification(77).encapsulate(inner).buildPacket();
            assertArrayEquals(expected, buffer);
        }
    }

    @Test
    void ipv6InIpv6MatchesTheBuilder() {
        byte[] inner = Frames.ipv6("2001:db8::9", "2001:db8::100").tcp(40000, 443).syn().buildPacket();
        byte[] buffer = new byte[64 + inner.length];
        System.arraycopy(inner, 0, buffer, 64, inner.length);
        byte[] s = Addresses.ip("2001:db8:ff::1");
        byte[] d = Addresses.ip("2001:db8:1::7");
        int[] source = {Addresses.word(s, 0), Addresses.word(s, 1), Addresses.word(s, 2), Addresses.word(s, 3)};
        int[] destination = {Addresses.word(d, 0), Addresses.word(d, 1), Addresses.word(d, 2), Addresses.word(d, 3)};
        long outer = tunnel.encapsulateInIpv6(MemorySegment.ofArray(buffer), 64, inner.length, 6, source, destination, 64);
        assertEquals(64 - Ipv6Header.LENGTH, outer);
        byte[] expected = Frames.ipv6("2001:db8:ff::1", "2001:db8:1::7").encapsulate(inner).buildPacket();
        assertArrayEquals(expected, Arrays.copyOfRange(buffer, (int) outer, buffer.length));
    }
}
