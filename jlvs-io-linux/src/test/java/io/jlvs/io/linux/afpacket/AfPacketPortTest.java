package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.FrameCollector;
import io.jlvs.io.linux.NetworkNamespace;
import io.jlvs.io.linux.TestFrames;
import io.jlvs.io.linux.PacketPortBehaviour;
import io.jlvs.packet.io.FrameReceiver;
import io.jlvs.packet.io.PacketPort;
import io.jlvs.testkit.Prerequisites;
import io.jlvs.testkit.Seeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packet port behaviour over AF_PACKET, and what only AF_PACKET ports report. */
@Tag("root")
class AfPacketPortTest extends PacketPortBehaviour {

    @BeforeEach
    void available() {
        Prerequisites.require(AfPacket.isAvailable(), "AF_PACKET is unavailable: " + AfPacket.unavailabilityCause());
    }

    @Override
    protected PacketPort openPort(String namespace, String interfaceName) throws Exception {
        return NetworkNamespace.call(namespace, () -> AfPacketPort.open(interfaceName));
    }

    @Test
    void aPortKnowsItsInterfacesIndexMtuAndAddress() throws Exception {
        network.exec(nsB, "ip", "link", "set", ifB, "mtu", "1400");
        try (AfPacketPort b = NetworkNamespace.call(nsB, () -> AfPacketPort.open(ifB))) {
            assertEquals(1400, b.mtu());
            assertEquals(ifB, b.name());
            assertEquals(Integer.parseInt(network.exec(nsB, "cat", "/sys/class/net/" + ifB + "/ifindex").strip()),
                    b.interfaceIndex());
            assertArrayEquals(macB, b.macAddress());
        } finally {
            network.exec(nsB, "ip", "link", "set", ifB, "mtu", "1500");
        }
    }

    @Test
    void aFrameLongerThanTheMtuIsDroppedAndCountedWithoutBlockingTheRing() throws Exception {
        RandomGenerator random = Seeds.random(Seeds.seed(8_006));
        try (AfPacketPort a = NetworkNamespace.call(nsA, () -> AfPacketPort.open(ifA));
                AfPacketPort b = NetworkNamespace.call(nsB, () -> AfPacketPort.open(ifB))) {
            byte[] oversized = TestFrames.experimental(macB, macA, 0, a.mtu() + 19, random);
            byte[] fitting = TestFrames.experimental(macB, macA, 1, a.mtu() + 14, random);
            assertTrue(a.transmit(MemorySegment.ofArray(oversized), 0, oversized.length, null));
            assertTrue(a.transmit(MemorySegment.ofArray(fitting), 0, fitting.length, null));
            assertEquals(1, a.flush(), "only the frame that fits left");
            assertEquals(1, a.oversizedFrames());
            List<byte[]> received = new FrameCollector().receive(b, 1, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            assertEquals(1, received.size());
            assertArrayEquals(fitting, received.getFirst());
            assertTrue(a.transmit(MemorySegment.ofArray(fitting), 0, fitting.length, null));
            assertEquals(1, a.flush(), "the ring goes on");
            assertEquals(0, a.transmitErrors());
        }
    }

    @Test
    void theKernelCountsFramesAndTheDropsOfAFullRing() throws Exception {
        RandomGenerator random = Seeds.random(Seeds.seed(8_007));
        AfPacketOptions small = new AfPacketOptions(128 << 10, 2, 1, 1);
        try (AfPacketPort a = NetworkNamespace.call(nsA, () -> AfPacketPort.open(ifA));
                AfPacketPort b = NetworkNamespace.call(nsB, () -> AfPacketPort.open(ifB, small))) {
            b.statistics();
            for (int i = 0; i < 400; i++) {
                byte[] frame = TestFrames.experimental(macB, macA, i, 1500, random);
                if (!a.transmit(MemorySegment.ofArray(frame), 0, frame.length, null)) {
                    a.flush();
                    Thread.sleep(1);
                    assertTrue(a.transmit(MemorySegment.ofArray(frame), 0, frame.length, null));
                }
            }
            a.flush();
            Thread.sleep(200);
            AfPacketStatistics counted = b.statistics();
            FrameCollector collector = new FrameCollector();
            collector.receiveFor(b, TimeUnit.MILLISECONDS.toNanos(300));
            assertTrue(counted.frames() >= 400, "every frame counted: " + counted);
            assertTrue(counted.dropped() > 0, "256 KiB of ring cannot hold 600 KB: " + counted);
            assertTrue(collector.sources().size() >= counted.frames() - counted.dropped(),
                    "what was not dropped was received: " + collector.sources().size() + ", " + counted);
            assertEquals(0, b.statistics().dropped(), "cleared on read");
        }
    }

    @Test
    void transmittingAndReceivingAllocateNothingPerFrame() throws Exception {
        // Reached reflectively: the test is compiled inside io.jlvs.io.linux, which reads no management module.
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getThreadAllocatedBytes", long.class);
        byte[] bytes = TestFrames.experimental(macB, macA, 0, 200, Seeds.random(Seeds.seed(8_008)));
        try (Arena arena = Arena.ofConfined();
                AfPacketPort a = NetworkNamespace.call(nsA, () -> AfPacketPort.open(ifA));
                AfPacketPort b = NetworkNamespace.call(nsB, () -> AfPacketPort.open(ifB))) {
            MemorySegment frame = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, frame, ValueLayout.JAVA_BYTE, 0, bytes.length);
            long[] received = new long[1];
            FrameReceiver counter = (buffer, offset, length, offload) -> received[0]++;
            // Until the JIT has compiled the path (the downcalls allocate while interpreted): single frames,
            // without waiting out the ring's retire timeout.
            for (int i = 0; i < 20_000; i++) {
                a.transmit(frame, 0, (int) frame.byteSize(), null);
                a.flush();
                b.awaitFrames(1_000L);
                b.receive(counter, 64);
            }
            // When the JIT finishes is not ours to know: a window of 3,200 frames without allocation shows
            // that nothing is allocated per frame (an allocation per frame would show in every window).
            long threadId = Thread.currentThread().threadId();
            List<String> windows = new ArrayList<>();
            for (int window = 0; window < 10; window++) {
                long before = (Long) allocatedBytes.invoke(threads, threadId);
                long frames = pingPong(a, b, frame, counter, received, 100);
                long allocated = (Long) allocatedBytes.invoke(threads, threadId) - before;
                assertTrue(frames >= 100 * 32, "the frames went through: " + frames);
                windows.add(allocated + " bytes for " + frames + " frames");
                if (allocated < 512) {
                    return;
                }
            }
            throw new AssertionError("every window allocated: " + windows);
        }
    }

    /** rounds of 32 frames out of a, each round received at b; returns how many b received. */
    private static long pingPong(AfPacketPort a, AfPacketPort b, MemorySegment frame, FrameReceiver counter,
            long[] received, int rounds) {
        long start = received[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
            long expected = received[0] + 32;
            for (int i = 0; i < 32; i++) {
                while (!a.transmit(frame, 0, (int) frame.byteSize(), null)) {
                    a.flush();
                }
            }
            a.flush();
            while (received[0] < expected && System.nanoTime() < deadline) {
                if (b.awaitFrames(1_000_000L)) {
                    b.receive(counter, 64);
                }
            }
        }
        return received[0] - start;
    }

    @Test
    void whileTheLinkIsDownFramesWaitAndTheErrorIsCountedThenTheyLeave() throws Exception {
        byte[] frame = TestFrames.experimental(macB, macA, 0, 100, Seeds.random(Seeds.seed(8_009)));
        try (AfPacketPort a = NetworkNamespace.call(nsA, () -> AfPacketPort.open(ifA));
                AfPacketPort b = NetworkNamespace.call(nsB, () -> AfPacketPort.open(ifB))) {
            network.exec(nsA, "ip", "link", "set", ifA, "down");
            try {
                a.awaitFrames(TimeUnit.MILLISECONDS.toNanos(100));
                assertEquals(1, a.socketErrors(), "the kernel's ENETDOWN on the socket was read and cleared");
                assertTrue(a.transmit(MemorySegment.ofArray(frame), 0, frame.length, null));
                assertEquals(0, a.flush(), "nothing leaves a link that is down");
                assertEquals(1, a.transmitErrors());
                assertEquals(100, a.lastTransmitErrno(), "ENETDOWN");
            } finally {
                network.exec(nsA, "ip", "link", "set", ifA, "up");
            }
            assertEquals(1, a.flush(), "the frame that waited leaves once the link is up");
            List<byte[]> received = new FrameCollector().receive(b, 1, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            assertEquals(1, received.size());
            assertArrayEquals(frame, received.getFirst());
        }
    }

    @Test
    void aMissingInterfaceIsNamed() {
        NoSuchInterfaceException e = assertThrows(NoSuchInterfaceException.class,
                () -> NetworkNamespace.call(nsA, () -> AfPacketPort.open(ifB)));
        assertEquals("no interface named " + ifB, e.getMessage());
        assertEquals("ioctl(SIOCGIFINDEX, " + ifB + "): No such device (errno 19)", e.getCause().getMessage());
    }
}
