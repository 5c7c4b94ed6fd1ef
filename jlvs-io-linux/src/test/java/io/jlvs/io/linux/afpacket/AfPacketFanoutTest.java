package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.FrameBridge;
import io.jlvs.io.linux.NetworkNamespace;
import io.jlvs.testkit.Prerequisites;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fanout groups: a client and a server namespace joined by a bridge whose two sides are groups of
 * two ports each; port i of both sides is "worker i". Many UDP flows must spread over both
 * workers, and each flow's datagrams, both ways, must reach one worker.
 */
@Tag("root")
class AfPacketFanoutTest {
    private static final int FLOWS = 64;
    private static final ValueLayout.OfShort BIG_ENDIAN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED
            .withOrder(ByteOrder.BIG_ENDIAN);

    @Test
    void manyFlowsSpreadOverTwoWorkersAndEachFlowStaysOnOneInBothDirections() throws Exception {
        try (TestNetwork network = TestNetwork.open()) {
            Prerequisites.require(AfPacket.isAvailable(), "AF_PACKET is unavailable: " + AfPacket.unavailabilityCause());
            String nsC = network.namespace("c");
            String nsD = network.namespace("d");
            String nsS = network.namespace("s");
            String ifD0 = network.prefix() + "d0";
            String ifD1 = network.prefix() + "d1";
            network.veth(nsC, network.prefix() + "c", nsD, ifD0);
            network.veth(nsD, ifD1, nsS, network.prefix() + "s");
            network.exec(nsC, "ip", "addr", "add", "10.79.0.1/24", "dev", network.prefix() + "c");
            network.exec(nsS, "ip", "addr", "add", "10.79.0.2/24", "dev", network.prefix() + "s");
            // flow (client port) -> the workers that saw it, per direction
            Map<Integer, Set<Integer>> toServer = new ConcurrentHashMap<>();
            Map<Integer, Set<Integer>> toClient = new ConcurrentHashMap<>();
            List<AfPacketPort> left = NetworkNamespace.call(nsD, () -> AfPacketFanout.open(ifD0, 2, AfPacketOptions.DEFAULTS));
            List<AfPacketPort> right = NetworkNamespace.call(nsD, () -> AfPacketFanout.open(ifD1, 2, AfPacketOptions.DEFAULTS));
            try (DatagramSocket echo = NetworkNamespace.call(nsS, () -> new DatagramSocket(
                    new InetSocketAddress("10.79.0.2", 0)));
                    FrameBridge bridge = new FrameBridge(left, right, (member, fromLeft, buffer, offset, length, offload) -> {
                        int clientPort = udpPort(buffer, offset, fromLeft);
                        if (clientPort > 0) {
                            (fromLeft ? toServer : toClient).computeIfAbsent(clientPort, p -> new TreeSet<>()).add(member);
                        }
                    })) {
                Thread echoer = Thread.ofPlatform().start(() -> echo(echo));
                List<DatagramSocket> clients = new ArrayList<>();
                try {
                    for (int i = 0; i < FLOWS; i++) {
                        clients.add(NetworkNamespace.call(nsC, () -> new DatagramSocket(new InetSocketAddress("10.79.0.1", 0))));
                    }
                    for (DatagramSocket client : clients) {
                        client.setSoTimeout(5_000);
                        for (int k = 0; k < 3; k++) {
                            byte[] message = ("flow " + client.getLocalPort() + " datagram " + k).getBytes();
                            client.send(new DatagramPacket(message, message.length, echo.getLocalSocketAddress()));
                            DatagramPacket answer = new DatagramPacket(new byte[100], 100);
                            client.receive(answer);
                            assertEquals(new String(message), new String(answer.getData(), 0, answer.getLength()));
                        }
                    }
                } finally {
                    clients.forEach(DatagramSocket::close);
                    echo.close();
                    echoer.join();
                }
            } finally {
                left.forEach(AfPacketPort::close);
                right.forEach(AfPacketPort::close);
            }
            assertEquals(FLOWS, toServer.size(), "every flow seen towards the server");
            assertEquals(toServer.keySet(), toClient.keySet(), "every flow seen back towards the client");
            for (Integer flow : toServer.keySet()) {
                assertEquals(1, toServer.get(flow).size(), "flow " + flow + " on one worker towards the server");
                assertEquals(toServer.get(flow), toClient.get(flow), "flow " + flow + " on the same worker both ways");
            }
            Map<Set<Integer>, Long> perWorker = toServer.values().stream()
                    .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertEquals(2, perWorker.size(), "flows spread over both workers: " + perWorker);
        }
    }

    @Test
    void eachGroupGetsItsOwnIdFromTheKernel() throws Exception {
        try (TestNetwork network = TestNetwork.open()) {
            Prerequisites.require(AfPacket.isAvailable(), "AF_PACKET is unavailable: " + AfPacket.unavailabilityCause());
            String ns = network.namespace("g");
            String ifName = network.prefix() + "g";
            network.veth(ns, ifName, ns, network.prefix() + "h");
            List<AfPacketPort> first = NetworkNamespace.call(ns, () -> AfPacketFanout.open(ifName, 2, AfPacketOptions.DEFAULTS));
            List<AfPacketPort> second = NetworkNamespace.call(ns, () -> AfPacketFanout.open(ifName, 1, AfPacketOptions.DEFAULTS));
            try {
                int group = first.getFirst().fanoutArgument();
                assertEquals(group, first.getLast().fanoutArgument(), "both members in one group");
                assertEquals(0x80, group >>> 24, "PACKET_FANOUT_FLAG_DEFRAG, without the one-off UNIQUEID");
                assertEquals(io.jlvs.io.linux.ffi.IfPacket.PACKET_FANOUT_HASH, (group >>> 16) & 0xff, "PACKET_FANOUT_HASH");
                assertNotEquals(group & 0xffff, second.getFirst().fanoutArgument() & 0xffff, "another group, another id");
            } finally {
                first.forEach(AfPacketPort::close);
                second.forEach(AfPacketPort::close);
            }
        }
    }

    /** The client's UDP port of an IPv4 UDP frame between the test addresses, or 0 for any other frame. */
    private static int udpPort(MemorySegment buffer, long offset, boolean fromClient) {
        if ((buffer.get(BIG_ENDIAN_SHORT, offset + 12) & 0xffff) != 0x0800
                || buffer.get(ValueLayout.JAVA_BYTE, offset + 14 + 9) != 17) {
            return 0;
        }
        int headerBytes = (buffer.get(ValueLayout.JAVA_BYTE, offset + 14) & 0x0f) * 4;
        long ports = offset + 14 + headerBytes;
        return buffer.get(BIG_ENDIAN_SHORT, ports + (fromClient ? 0 : 2)) & 0xffff;
    }

    private static void echo(DatagramSocket socket) {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            while (true) {
                packet.setLength(2048);
                socket.receive(packet);
                socket.send(packet);
            }
        } catch (SocketException closed) {
            // the test closed the socket: done
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
