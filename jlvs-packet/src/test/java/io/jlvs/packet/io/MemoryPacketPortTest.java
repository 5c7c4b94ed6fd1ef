package io.jlvs.packet.io;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPacketPortTest {

    @Test
    void injectedFramesAreReceivedInOrderWithTheirOffloads() {
        try (MemoryPacketPort port = new MemoryPacketPort("mem0")) {
            port.inject(new byte[]{1, 2, 3});
            port.inject(new byte[]{4, 5}, new FrameOffload().partialChecksum(34, 16));
            List<String> seen = new ArrayList<>();
            int count = port.receive((buffer, offset, length, offload) -> seen.add(
                    java.util.Arrays.toString(buffer.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE))
                            + " " + offload.needsChecksum() + " " + offload.checksumStart()), 10);
            assertEquals(2, count);
            assertEquals(List.of("[1, 2, 3] false 0", "[4, 5] true 34"), seen);
            assertFalse(port.awaitFrames(0));
        }
    }

    @Test
    void receiveTakesAtMostTheBatchAsked() {
        try (MemoryPacketPort port = new MemoryPacketPort("mem0")) {
            for (int i = 0; i < 5; i++) {
                port.inject(new byte[]{(byte) i});
            }
            assertEquals(3, port.receive((b, o, l, f) -> { }, 3));
            assertEquals(2, port.pending());
            assertTrue(port.awaitFrames(0));
        }
    }

    @Test
    void transmittedFramesAppearOnlyAfterAFlushAndAFullRingRefuses() {
        try (MemoryPacketPort port = new MemoryPacketPort("mem0", 1500, 2)) {
            MemorySegment frame = MemorySegment.ofArray(new byte[]{9, 8, 7});
            assertTrue(port.transmit(frame, 0, 3, null));
            assertTrue(port.transmit(frame, 1, 2, new FrameOffload().segmentation(FrameOffload.GSO_TCPV4, 1448, 54)));
            assertFalse(port.transmit(frame, 0, 3, null), "two slots, both claimed");
            assertEquals(0, port.sent().size());
            assertEquals(2, port.flush());
            assertArrayEquals(new byte[]{9, 8, 7}, port.sent().get(0).bytes());
            assertArrayEquals(new byte[]{8, 7}, port.sent().get(1).bytes());
            assertEquals(1448, port.sent().get(1).offload().gsoSize());
            assertTrue(port.transmit(frame, 0, 1, null), "a flush frees the ring");
        }
    }
}
