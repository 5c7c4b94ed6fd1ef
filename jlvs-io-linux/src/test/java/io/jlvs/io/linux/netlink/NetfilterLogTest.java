package io.jlvs.io.linux.netlink;

import io.jlvs.io.linux.NetworkNamespace;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nfnetlink_log against the kernel, in a namespace of the test's own: an nftables rule marks UDP to
 * port 9 and logs marked packets to a group, and the binding reads each packet whole with its mark.
 */
@Tag("root")
class NetfilterLogTest {
    private static final int GROUP = 7;
    private static final long WAIT_NANOS = 5_000_000_000L;

    private record Logged(byte[] packet, int mark) {
    }

    @Test
    void readsEachLoggedPacketWithItsMark() throws Exception {
        try (TestNetwork network = TestNetwork.open()) {
            String ns = network.namespace("log");
            network.exec(ns, "nft", "add table inet t; add chain inet t pre { type filter hook prerouting"
                    + " priority -150; policy accept; }; add rule inet t pre udp dport 9 meta mark set 42;"
                    + " add rule inet t pre meta mark 42 log group " + GROUP + " snaplen 65535 drop");
            try (NetfilterLog log = NetworkNamespace.call(ns, () -> NetfilterLog.open(GROUP))) {
                assertEquals(GROUP, log.group());
                network.exec(ns, "bash", "-c", "printf 'hello' > /dev/udp/127.0.0.1/9");
                network.exec(ns, "bash", "-c", "printf 'world!' > /dev/udp/127.0.0.1/9");
                List<Logged> logged = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (logged.size() < 2 && System.nanoTime() - deadline < 0) {
                    int n = log.receive((buffer, offset, length, mark) -> logged.add(
                            new Logged(buffer.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), mark)), 16);
                    assertTrue(n >= 0, "receive failed with errno " + -n);
                    if (n == 0) {
                        Thread.sleep(10);
                    }
                }
                assertEquals(2, logged.size(), "packets logged");
                assertPacket(logged.get(0), "hello");
                assertPacket(logged.get(1), "world!");
                assertEquals(0, log.overruns());
            }
        }
    }

    private static void assertPacket(Logged logged, String payload) {
        assertEquals(42, logged.mark());
        MemorySegment packet = MemorySegment.ofArray(logged.packet());
        assertEquals(0x45, logged.packet()[0] & 0xff, "IPv4 with a 20-byte header, no L2 before it");
        assertEquals(20 + 8 + payload.length(), logged.packet().length, "the whole packet");
        assertEquals(17, logged.packet()[9], "UDP");
        assertEquals(9, Short.toUnsignedInt(packet.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                java.nio.ByteOrder.BIG_ENDIAN), 22)), "destination port");
        byte[] data = new byte[payload.length()];
        System.arraycopy(logged.packet(), 28, data, 0, data.length);
        assertArrayEquals(payload.getBytes(), data);
    }

    @Test
    void aGroupTakenByAnotherSocketIsRefusedByName() throws Exception {
        try (TestNetwork network = TestNetwork.open()) {
            String ns = network.namespace("busy");
            try (NetfilterLog first = NetworkNamespace.call(ns, () -> NetfilterLog.open(GROUP))) {
                NetlinkException refused = org.junit.jupiter.api.Assertions.assertThrows(NetlinkException.class,
                        () -> NetworkNamespace.call(ns, () -> NetfilterLog.open(GROUP)));
                assertTrue(refused.getMessage().startsWith("cannot bind nflog group 7 (bound by another socket, or this"
                        + " process lacks CAP_NET_ADMIN): "), refused.getMessage());
            }
            // the group is free again once its socket is closed
            NetworkNamespace.call(ns, () -> NetfilterLog.open(GROUP)).close();
        }
    }

    @Test
    void aGroupOutOfRangeIsRefused() {
        assertEquals("an nflog group is 0 to 65535, not 65536", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> NetfilterLog.open(65536)).getMessage());
    }
}
