package io.jlvs.daemon.realserver;

import io.jlvs.io.linux.NetworkNamespace;
import io.jlvs.io.linux.netlink.RouteNetlink;
import io.jlvs.io.linux.rawip.RawIpSocket;
import io.jlvs.io.linux.tun.TunDevice;
import io.jlvs.testkit.Prerequisites;
import io.jlvs.testkit.TestNetwork;
import io.jlvs.testkit.ThreadAllocation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decapsulator's loop allocates nothing per packet: its thread, in a namespace "rs" with a
 * TUN device, passes on IPIP packets sent from namespace "dir", and the bytes it allocates while
 * passing on 20,000 (after 50,000 to warm up) stay below one per packet. Root only.
 */
@Tag("root")
class DecapsulatorAllocationTest {
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 20_000;
    private static final int BATCH = 50;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void passingPacketsOnAllocatesNothingPerPacket() throws Exception {
        Prerequisites.require(ThreadAllocation.isSupported(), "this JVM does not count allocation per thread");
        try (TestNetwork network = TestNetwork.open()) {
            String dir = network.namespace("dir");
            String rs = network.namespace("rs");
            network.veth(dir, network.prefix() + "d", rs, network.prefix() + "r");
            network.exec(dir, "ip", "addr", "add", "10.78.0.1/24", "dev", network.prefix() + "d");
            network.exec(rs, "ip", "addr", "add", "10.78.0.2/24", "dev", network.prefix() + "r");

            AtomicLong passed = new AtomicLong();
            AtomicLong allocated = new AtomicLong(-1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch ready = new CountDownLatch(1);
            InetAddress vip = InetAddress.ofLiteral("10.78.9.100");
            Thread tunnelEnd = Thread.ofPlatform().name("decapsulator").start(() -> {
                try {
                    NetworkNamespace.enterCurrentThread(rs);
                    try (TunDevice tun = TunDevice.open(network.prefix() + "t");
                         RouteNetlink netlink = RouteNetlink.open();
                         Decapsulator decapsulator = new Decapsulator(tun, new VipSet(List.of(vip)))) {
                        netlink.setUp(tun.name(), true);
                        ready.countDown();
                        passOn(decapsulator, WARM_UP, passed);
                        long before = ThreadAllocation.allocatedBytes();
                        passOn(decapsulator, WARM_UP + MEASURED, passed);
                        allocated.set(ThreadAllocation.allocatedBytes() - before);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                    ready.countDown();
                }
            });
            assertTrue(ready.await(30, TimeUnit.SECONDS), "the decapsulator's thread is ready");
            assertNull(failure.get());

            NetworkNamespace.call(dir, () -> {
                send(vip, InetAddress.ofLiteral("10.78.0.2"), passed, failure);
                return null;
            });
            tunnelEnd.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NANOS));
            assertNull(failure.get(), () -> failure.get().toString());
            assertEquals(WARM_UP + MEASURED, passed.get());
            System.out.println("decapsulator: " + allocated.get() + " bytes allocated while passing on " + MEASURED
                    + " packets");
            assertTrue(allocated.get() >= 0 && allocated.get() < MEASURED,
                    "allocated " + allocated.get() + " bytes while passing on " + MEASURED + " packets");
        }
    }

    /** Passes packets on until the decapsulator has passed total, publishing the count after each round. */
    private static void passOn(Decapsulator decapsulator, long total, AtomicLong passed) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (decapsulator.passed() < total) {
            decapsulator.passOnReady(100);
            passed.set(decapsulator.passed());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("passed on " + decapsulator.passed() + " of " + total + " packets in time");
            }
        }
    }

    /** Sends the IPIP packets in batches, each once the decapsulator has passed on the one before. */
    private static void send(InetAddress vip, InetAddress rip, AtomicLong passed, AtomicReference<Throwable> failure)
            throws Exception {
        byte[] inner = ByteBuffer.allocate(28).put((byte) 0x45).put((byte) 0).putShort((short) 28).putInt(0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(InetAddress.ofLiteral("192.0.2.10").getAddress())
                .put(vip.getAddress()).putShort((short) 5555).putShort((short) 7777).putShort((short) 8)
                .putShort((short) 0).array();
        try (RawIpSocket socket = RawIpSocket.open(RawIpSocket.Family.IPV4, RawIpSocket.IPIP);
             Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(inner.length);
            packet.copyFrom(MemorySegment.ofArray(inner));
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            for (long sent = 0; sent < WARM_UP + MEASURED && failure.get() == null; ) {
                for (int i = 0; i < BATCH; i++, sent++) {
                    socket.send(packet, 0, inner.length, rip);
                }
                while (passed.get() < sent && failure.get() == null) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("only " + passed.get() + " of " + sent + " packets passed on in time");
                    }
                    Thread.onSpinWait();
                }
            }
        }
    }
}
