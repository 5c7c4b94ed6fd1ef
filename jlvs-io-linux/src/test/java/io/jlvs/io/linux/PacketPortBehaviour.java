package io.jlvs.io.linux;

import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.PacketPort;
import io.jlvs.testkit.Seeds;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every packet I/O backend must do on a real link, one subclass per backend (Netty's habit):
 * ports are opened inside network namespaces on a veth pair (a to b), and for offloads on both
 * ends of a user-space bridge between a client and a server namespace (c to d0, d1 to s), where a
 * real TCP stream crosses the ports.
 */
public abstract class PacketPortBehaviour {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    protected static TestNetwork network;
    protected static String nsA;
    protected static String nsB;
    protected static String ifA;
    protected static String ifB;
    protected static byte[] macA;
    protected static byte[] macB;

    /** Opens a port on the interface inside the namespace. */
    protected abstract PacketPort openPort(String namespace, String interfaceName) throws Exception;

    @BeforeAll
    static void link() {
        network = TestNetwork.open();
        nsA = network.namespace("a");
        nsB = network.namespace("b");
        ifA = network.prefix() + "a";
        ifB = network.prefix() + "b";
        network.veth(nsA, ifA, nsB, ifB);
        network.exec(nsA, "ip", "addr", "add", "10.77.0.1/24", "dev", ifA);
        macA = mac(nsA, ifA);
        macB = mac(nsB, ifB);
    }

    @AfterAll
    static void unlink() {
        if (network != null) {
            network.close();
        }
    }

    protected static byte[] mac(String namespace, String interfaceName) {
        return HexFormat.ofDelimiter(":").parseHex(network.exec(namespace, "cat", "/sys/class/net/" + interfaceName
                + "/address").strip());
    }

    @Test
    void framesTransmittedAtOneEndArriveByteForByteAndInOrderAtTheOther() throws Exception {
        RandomGenerator random = Seeds.random(Seeds.seed(8_001));
        List<byte[]> sent = new ArrayList<>();
        try (PacketPort a = openPort(nsA, ifA); PacketPort b = openPort(nsB, ifB)) {
            for (int batch = 0; batch < 8; batch++) {
                for (int i = 0; i < 32; i++) {
                    byte[] frame = TestFrames.experimental(macB, macA, sent.size(), 60 + random.nextInt(1455), random);
                    long at = a.claim(frame.length);
                    assertTrue(at >= 0, "a slot for frame " + sent.size());
                    java.lang.foreign.MemorySegment.copy(frame, 0, a.transmitBuffer(),
                            java.lang.foreign.ValueLayout.JAVA_BYTE, at, frame.length);
                    a.commit(at, frame.length, null);
                    sent.add(frame);
                }
                assertEquals(32, a.flush(), "the whole batch left");
            }
            FrameCollector collector = new FrameCollector();
            List<byte[]> received = collector.receive(b, sent.size(), System.nanoTime() + TIMEOUT);
            assertEquals(sent.size(), received.size(), "every frame arrived");
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), received.get(i), "frame " + i + " byte for byte, in order");
            }
            assertTrue(collector.batches().stream().anyMatch(n -> n > 1), "frames come in batches: "
                    + collector.batches());
        }
    }

    @Test
    void aPortDoesNotReceiveWhatItOrItsHostTransmits() throws Exception {
        RandomGenerator random = Seeds.random(Seeds.seed(8_002));
        String ownAddress = TestFrames.mac(macA);
        try (PacketPort a = openPort(nsA, ifA); PacketPort b = openPort(nsB, ifB)) {
            // The host in namespace a transmits on the same interface: an ARP request for a missing neighbour.
            NetworkNamespace.call(nsA, () -> {
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.send(new DatagramPacket(new byte[1], 1, InetAddress.getByName("10.77.0.99"), 9));
                }
                return null;
            });
            for (int i = 0; i < 20; i++) {
                assertTrue(a.transmit(java.lang.foreign.MemorySegment.ofArray(
                        TestFrames.experimental(macB, macA, i, 100, random)), 0, 100, null));
            }
            assertEquals(20, a.flush());
            FrameCollector atB = new FrameCollector();
            atB.receiveUntil(b, () -> atB.sources().stream().filter(ownAddress::equals).count() >= 21,
                    System.nanoTime() + TIMEOUT);
            assertTrue(atB.sources().stream().filter(ownAddress::equals).count() >= 21,
                    "b got the 20 frames of port a and the host's ARP request: " + atB.sources());
            FrameCollector atA = new FrameCollector();
            atA.receiveFor(a, TimeUnit.MILLISECONDS.toNanos(300));
            assertFalse(atA.sources().contains(ownAddress), "a saw a frame from its own address: " + atA.sources());
        }
    }

    @Test
    void aFrameWhoseReceiverThrewIsNotHandedOnAgain() throws Exception {
        RandomGenerator random = Seeds.random(Seeds.seed(8_010));
        List<byte[]> sent = new ArrayList<>();
        try (PacketPort a = openPort(nsA, ifA); PacketPort b = openPort(nsB, ifB)) {
            for (int i = 0; i < 3; i++) {
                sent.add(TestFrames.experimental(macB, macA, i, 100, random));
            }
            // The first frame alone, so that it is likely the last of what b receives at once.
            assertTrue(a.transmit(java.lang.foreign.MemorySegment.ofArray(sent.getFirst()), 0, 100, null));
            assertEquals(1, a.flush());
            long deadline = System.nanoTime() + TIMEOUT;
            boolean[] thrown = new boolean[1];
            while (!thrown[0] && System.nanoTime() < deadline) {
                b.awaitFrames(10_000_000L);
                try {
                    b.receive((buffer, offset, length, offload) -> {
                        if (TestFrames.isExperimental(buffer, offset, length)) {
                            thrown[0] = true;
                            throw new IllegalStateException("the receiver failed");
                        }
                    }, 64);
                } catch (IllegalStateException expected) {
                    // the first test frame's receiver failed
                }
            }
            assertTrue(thrown[0], "the first frame arrived");
            for (int i = 1; i < 3; i++) {
                assertTrue(a.transmit(java.lang.foreign.MemorySegment.ofArray(sent.get(i)), 0, 100, null));
            }
            assertEquals(2, a.flush());
            List<byte[]> rest = new FrameCollector().receive(b, 2, deadline);
            assertEquals(2, rest.size());
            assertArrayEquals(sent.get(1), rest.get(0), "the next frame, not the one whose receiver threw");
            assertArrayEquals(sent.get(2), rest.get(1));
        }
    }

    @Test
    void aFullTransmitRingRefusesAClaimUntilTheBatchIsSent() throws Exception {
        RandomGenerator random = Seeds.random(Seeds.seed(8_003));
        try (PacketPort a = openPort(nsA, ifA); PacketPort b = openPort(nsB, ifB)) {
            int committed = 0;
            byte[] frame = TestFrames.experimental(macB, macA, 0, 200, random);
            while (a.transmit(java.lang.foreign.MemorySegment.ofArray(frame), 0, frame.length, null)) {
                committed++;
                assertTrue(committed <= 100_000, "a transmit ring without end");
            }
            assertTrue(committed > 0, "some room at first");
            assertEquals(-1, a.claim(frame.length), "full: the claim is refused");
            assertEquals(committed, a.flush(), "the batch left");
            long deadline = System.nanoTime() + TIMEOUT;
            while (a.claim(frame.length) < 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(a.claim(frame.length) >= 0, "room again once the kernel released the slots");
            assertEquals(-1, a.claim(a.mtu() + 70_000), "a frame longer than a slot never fits");
            assertEquals(committed, new FrameCollector().receive(b, committed, deadline).size(), "b got them all");
        }
    }

    @ParameterizedTest(name = "TPID {0}")
    @ValueSource(ints = {TestFrames.TPID_8021Q, TestFrames.TPID_8021AD})
    void aTaggedFrameArrivesWithItsTagInPlace(int tpid) throws Exception {
        RandomGenerator random = Seeds.random(Seeds.seed(8_004));
        try (PacketPort a = openPort(nsA, ifA); PacketPort b = openPort(nsB, ifB)) {
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(TestFrames.tagged(TestFrames.experimental(macB, macA, i, 100 + 300 * i, random), tpid,
                        (i << 13) | (100 + i)));
                assertTrue(a.transmit(java.lang.foreign.MemorySegment.ofArray(sent.get(i)), 0, sent.get(i).length, null));
            }
            assertEquals(4, a.flush());
            List<byte[]> received = new FrameCollector().receive(b, 4, System.nanoTime() + TIMEOUT);
            assertEquals(4, received.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(HexFormat.of().formatHex(sent.get(i)), HexFormat.of().formatHex(received.get(i)),
                        "tagged frame " + i + " as sent");
            }
        }
    }

    @Test
    void aTcpStreamCrossesTheBridgeAsGsoFramesWithPartialChecksumsAndArrivesIntact() throws Exception {
        String nsC = network.namespace("c");
        String nsD = network.namespace("d");
        String nsS = network.namespace("s");
        String ifC = network.prefix() + "c";
        String ifD0 = network.prefix() + "d0";
        String ifD1 = network.prefix() + "d1";
        String ifS = network.prefix() + "s";
        network.veth(nsC, ifC, nsD, ifD0);
        network.veth(nsD, ifD1, nsS, ifS);
        network.exec(nsC, "ip", "addr", "add", "10.78.0.1/24", "dev", ifC);
        network.exec(nsS, "ip", "addr", "add", "10.78.0.2/24", "dev", ifS);
        int mtu = Integer.parseInt(network.exec(nsD, "cat", "/sys/class/net/" + ifD0 + "/mtu").strip());
        byte[] data = new byte[16 << 20];
        Seeds.random(Seeds.seed(8_005)).nextBytes(data);
        AtomicInteger gsoTcpFrames = new AtomicInteger();
        AtomicInteger partialChecksums = new AtomicInteger();
        AtomicInteger largestGsoSize = new AtomicInteger();
        AtomicInteger largestFrame = new AtomicInteger();
        try (PacketPort d0 = openPort(nsD, ifD0); PacketPort d1 = openPort(nsD, ifD1);
                ServerSocket server = NetworkNamespace.call(nsS, () -> new ServerSocket(0, 1,
                        InetAddress.getByName("10.78.0.2")));
                FrameBridge bridge = new FrameBridge(List.of(d0), List.of(d1),
                        (member, fromLeft, buffer, offset, length, offload) -> {
                            if (!fromLeft) {
                                return;
                            }
                            largestFrame.accumulateAndGet(length, Math::max);
                            if ((offload.gsoType() & ~FrameOffload.GSO_ECN) == FrameOffload.GSO_TCPV4) {
                                gsoTcpFrames.incrementAndGet();
                                largestGsoSize.accumulateAndGet(offload.gsoSize(), Math::max);
                            }
                            if (offload.needsChecksum()) {
                                partialChecksums.incrementAndGet();
                            }
                        })) {
            server.setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(TIMEOUT));
            CompletableFuture<String> digest = CompletableFuture.supplyAsync(() -> readDigest(server));
            try (Socket client = NetworkNamespace.call(nsC, () -> {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("10.78.0.2", server.getLocalPort()), 5_000);
                return socket;
            })) {
                client.getOutputStream().write(data);
                client.shutdownOutput();
                assertEquals(sha256(data), digest.get(30, TimeUnit.SECONDS), "the stream arrived intact");
            }
            assertEquals(0, bridge.dropped(), "no frame found the transmit ring full");
        }
        assertTrue(gsoTcpFrames.get() > 0, "TSO on the client's veth hands the port TCP super-frames");
        assertTrue(largestFrame.get() > mtu + 14, "a super-frame is longer than the MTU: " + largestFrame.get());
        assertTrue(largestGsoSize.get() > 0 && largestGsoSize.get() <= mtu - 40, "gso_size is the MSS: "
                + largestGsoSize.get());
        assertTrue(partialChecksums.get() > 0, "veth leaves checksums partial");
    }

    private static String readDigest(ServerSocket server) {
        try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream()) {
            accepted.setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(TIMEOUT));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException("the server's read failed", e);
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
