package io.jlvs.control.binary;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binary codec: every command kind and every table part read back equal; short or bad bytes refused. */
class BinaryCodecTest {
    private static final ServiceKey V4 = new ServiceKey.Address(Protocol.SCTP, InetAddress.ofLiteral("10.0.0.1"), 80);
    private static final ServiceKey V6 = new ServiceKey.Address(Protocol.UDP, InetAddress.ofLiteral("2001:db8::1"), 53);
    private static final ServiceKey MARK = new ServiceKey.Mark(AddressFamily.INET6, -7);
    private static final ServiceSpec SPEC = new ServiceSpec(V6, "wlc", 3, 600, 64, "sip", ProxyProtocol.V1);
    private static final DestinationSpec GUE = new DestinationSpec(InetAddress.ofLiteral("2001:db8::9"), 0,
            ForwardMethod.TUNNEL, 65535, 100, 10, TunnelType.GUE, 6080, TunnelFlags.CSUM);
    private static final SyncDaemonSpec DAEMON = new SyncDaemonSpec(SyncDaemonSpec.State.BACKUP, "eth0", 3, 1500,
            "ff02::81", 8848, 2);

    /** One of every command, nested in a batch. */
    private static final List<Command> EVERY_COMMAND = List.of(
            new Command.AddService(SPEC),
            new Command.EditService(new ServiceSpec(MARK, "none", 0, 0, 128, "")),
            new Command.DelService(V4),
            new Command.Flush(),
            new Command.AddDest(V6, GUE),
            new Command.EditDest(MARK, DestinationSpec.of(InetAddress.ofLiteral("10.1.1.1"), 8080, ForwardMethod.MASQ, 0)),
            new Command.DelDest(V4, InetAddress.ofLiteral("10.1.1.2"), 65535),
            new Command.Zero(null),
            new Command.Zero(MARK),
            new Command.SetTimeouts(new Timeouts(1, 0, Integer.MAX_VALUE)),
            new Command.StartDaemon(DAEMON),
            new Command.StopDaemon(SyncDaemonSpec.State.MASTER),
            new Command.AddLocalAddress(V4, InetAddress.ofLiteral("192.168.0.10")),
            new Command.DelLocalAddress(V6, InetAddress.ofLiteral("2001:db8::a")),
            new Command.Batch(List.of(new Command.Flush(), new Command.Batch(List.of()))));

    private static ByteBuffer encode(Command command) {
        GrowableBuffer out = new GrowableBuffer(1);
        BinaryCodec.writeCommand(out, command);
        return out.flipped();
    }

    @Test
    void everyCommandKindReadsBackEqual() throws BinaryCodec.MalformedException {
        for (Command command : EVERY_COMMAND) {
            assertEquals(command, BinaryCodec.readCommand(encode(command)));
        }
        Command batch = new Command.Batch(EVERY_COMMAND);
        assertEquals(batch, BinaryCodec.readCommand(encode(batch)));
    }

    @Test
    void aTableReadsBackEqual() throws BinaryCodec.MalformedException {
        ServiceTable table = new ServiceTable(List.of(
                new ServiceEntry(SPEC, List.of(GUE, DestinationSpec.of(InetAddress.ofLiteral("2001:db8::a"), 53,
                        ForwardMethod.LOCALNODE, 1))),
                ServiceEntry.of(new ServiceSpec(V4, "rr", 0, 0, -1, "")),
                new ServiceEntry(new ServiceSpec(MARK, "rr", 0, 0, 128, ""), List.of(),
                        List.of(InetAddress.ofLiteral("2001:db8::b"), InetAddress.ofLiteral("2001:db8::a")))),
                new Timeouts(5, 6, 7), List.of(DAEMON));
        GrowableBuffer out = new GrowableBuffer(1);
        BinaryCodec.writeTable(out, table);

        assertEquals(table, BinaryCodec.readTable(out.flipped()));
    }

    @Test
    void bytesCutShortOrLeftOverOrUnknownAreRefused() {
        ByteBuffer whole = encode(new Command.Batch(EVERY_COMMAND));
        for (int cut = 0; cut < whole.remaining(); cut += 7) {
            ByteBuffer part = whole.duplicate().limit(cut);
            assertThrows(BinaryCodec.MalformedException.class, () -> BinaryCodec.readCommand(part), "cut at " + cut);
        }
        ByteBuffer longer = ByteBuffer.allocate(whole.remaining() + 1).put(whole.duplicate()).put((byte) 0).flip();
        BinaryCodec.MalformedException extra = assertThrows(BinaryCodec.MalformedException.class,
                () -> BinaryCodec.readCommand(longer));
        assertEquals("1 bytes after the end", extra.getMessage());
        BinaryCodec.MalformedException tag = assertThrows(BinaryCodec.MalformedException.class,
                () -> BinaryCodec.readCommand(ByteBuffer.wrap(new byte[]{99})));
        assertTrue(tag.getMessage().contains("unknown command tag 99"), tag.getMessage());
    }
}
