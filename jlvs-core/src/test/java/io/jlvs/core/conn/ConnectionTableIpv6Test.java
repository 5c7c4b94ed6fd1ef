package io.jlvs.core.conn;

import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.proto.TcpStateTable;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import static io.jlvs.core.conn.ConnFixture.addDest;
import static io.jlvs.core.conn.ConnFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IPv6 entries keep all four words of every address (words 1 to 3 live apart from word 0): clients
 * that differ only in their last word are told apart by both tuples, a FULLNAT local address is
 * kept whole, and the words of expired entries do not leak into the entries that take their place.
 */
class ConnectionTableIpv6Test {
    private static final int CLIENTS = 3_000;
    private static final int SYN = TcpStateTable.event(TcpStateTable.FLAG_SYN);

    @Test
    void clientsDifferingOnlyInTheirLastWordAreFoundByBothTuplesAcrossExpiryAndReuse() throws Exception {
        ConnFixture fx = new ConnFixture(8, ConnectionTable.DEFAULT_MAX_CAPACITY);
        VirtualService svc = service(Protocol.TCP, "2001:db8::100", 80, new CyclingScheduler());
        addDest(svc, "2001:db8:1::1", 8080, ForwardMethod.MASQ);
        addDest(svc, "2001:db8:1::2", 8080, ForwardMethod.MASQ);
        for (int round = 0; round < 2; round++) {
            int[] slots = new int[CLIENTS];
            for (int i = 0; i < CLIENTS; i++) {
                Flow request = request(round, i);
                assertEquals(ConnectionTable.NONE, fx.table.findInbound(request), "round " + round + " client " + i);
                slots[i] = fx.scheduler.schedule(svc, request, fx.now());
                assertTrue(slots[i] >= 0, "client " + i + ": " + slots[i]);
                fx.table.inbound(slots[i], SYN, 60, fx.now());
                if (i % 3 == 0) {
                    fx.table.setLocalAddress(slots[i], words(local(i)), 40_000 + i);
                }
            }
            for (int i = 0; i < CLIENTS; i++) {
                String where = "round " + round + " client " + i;
                int slot = slots[i];
                assertEquals(slot, fx.table.findInbound(request(round, i)), where);
                RealServer server = fx.table.destination(slot);
                InetAddress replyTo = i % 3 == 0 ? local(i) : client(round, i);
                int replyPort = i % 3 == 0 ? 40_000 + i : 1024 + i;
                Flow reply = new Flow().set(Protocol.TCP, server.address(), 8080, replyTo, replyPort);
                assertEquals(slot, fx.table.findOutbound(reply), where);
                int[] clientWords = words(client(round, i));
                int[] localWords = words(replyTo);
                for (int w = 0; w < 4; w++) {
                    assertEquals(clientWords[w], fx.table.clientWord(slot, w), where + " client word " + w);
                    assertEquals(localWords[w], fx.table.localWord(slot, w), where + " local word " + w);
                    assertEquals(server.addressWord(w), fx.table.destinationWord(slot, w), where + " dest word " + w);
                    assertEquals(words(InetAddress.getByName("2001:db8::100"))[w], fx.table.virtualWord(slot, w),
                            where + " virtual word " + w);
                }
                assertSame(svc, fx.table.service(slot), where);
            }
            fx.advance(300); // SYN_RECV's 60 s and more: every entry expires, its words are released
            assertEquals(0, fx.table.size());
        }
    }

    /** Round 0's clients differ in word 3 only; round 1's in word 3 and word 1. */
    private static Flow request(int round, int i) {
        return new Flow().set(Protocol.TCP, client(round, i), 1024 + i, address("2001:db8::100"), 80);
    }

    private static InetAddress client(int round, int i) {
        return address("2001:db8:" + Integer.toHexString(round * 7) + "::" + Integer.toHexString(i + 1));
    }

    private static InetAddress local(int i) {
        return address("2001:db8:2:0:" + Integer.toHexString(i) + "::9");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static int[] words(InetAddress address) {
        ByteBuffer bytes = ByteBuffer.wrap(address.getAddress());
        return new int[] {bytes.getInt(), bytes.getInt(), bytes.getInt(), bytes.getInt()};
    }
}
