package io.jlvs.control.state;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.HostFacts;
import io.jlvs.control.TableStore;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.control.json.JlvsJson;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state files: atomic saves, faithful restores, version 1 files read, and corrupt files refused by name. */
class StateFileTest {
    private static final ServiceKey WEB = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
    private static final ServiceKey MARK6 = new ServiceKey.Mark(AddressFamily.INET6, 42);
    private static final ServiceKey PROXIED = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.2"), 443);

    /** state.json as jlvs wrote it before the journal, and before ServiceSpec had proxyProtocol. */
    static final String VERSION_ONE_WITHOUT_PROXY_PROTOCOL = """
            {
              "format" : "jlvs-state",
              "version" : 1,
              "table" : {
                "services" : [ {
                  "spec" : {
                    "key" : { "type" : "Address", "protocol" : "TCP", "address" : "10.0.0.1", "port" : 80 },
                    "scheduler" : "none", "flags" : 0, "timeout" : 0, "netmask" : -1,
                    "persistenceEngine" : ""
                  },
                  "destinations" : [ ]
                } ],
                "timeouts" : { "tcp" : 900, "tcpFin" : 120, "udp" : 300 },
                "daemons" : [ ]
              }
            }
            """;

    @TempDir
    Path dir;
    private final List<String> notes = new ArrayList<>();

    /** A table with a bit of everything a table can hold, each part made by a command. */
    static ServiceTable sampleTable() {
        ServiceManager manager = new ServiceManager();
        List<Command> commands = List.of(
                new Command.AddService(new ServiceSpec(WEB, "wlc", ServiceFlags.PERSISTENT, 600, 0xFFFFFF00, "")),
                new Command.AddDest(WEB, DestinationSpec.of(InetAddress.ofLiteral("192.168.1.1"), 80, ForwardMethod.MASQ, 2)),
                new Command.AddDest(WEB, new DestinationSpec(InetAddress.ofLiteral("192.168.1.5"), 80, ForwardMethod.TUNNEL,
                        1, 100, 0, TunnelType.GUE, 6080, TunnelFlags.CSUM)),
                new Command.AddService(new ServiceSpec(MARK6, "none", 0, 0, 64, "")),
                new Command.AddService(new ServiceSpec(PROXIED, "rr", 0, 0, 0xFFFFFFFF, "", ProxyProtocol.V2)),
                new Command.AddDest(MARK6, DestinationSpec.of(InetAddress.ofLiteral("2001:db8::7"), 0, ForwardMethod.DROUTE, 0)),
                new Command.AddDest(MARK6, new DestinationSpec(InetAddress.ofLiteral("2001:db8::5"), 0, ForwardMethod.TUNNEL,
                        3, 0, 0, TunnelType.IPIP, 0, TunnelFlags.NOCSUM)),
                new Command.AddLocalAddress(WEB, InetAddress.ofLiteral("192.168.0.11")),
                new Command.AddLocalAddress(WEB, InetAddress.ofLiteral("192.168.0.10")),
                new Command.AddLocalAddress(MARK6, InetAddress.ofLiteral("2001:db8::a")),
                new Command.SetTimeouts(new Timeouts(1000, 0, 30)));
        for (Command c : commands) {
            assertEquals(new Reply.Ok(), manager.handle(c), c::toString);
        }
        return manager.table();
    }

    /** The state files in dir, loaded and ready to commit to. */
    private StateFile opened() throws IOException {
        StateFile file = new StateFile(dir, HostFacts.system(), notes::add);
        file.load();
        file.prepare();
        return file;
    }

    private StateFile unopened() {
        return new StateFile(dir, HostFacts.system(), notes::add);
    }

    private void save(ServiceTable table) throws IOException {
        try (StateFile file = opened()) {
            file.replaceWith(table);
        }
    }

    @Test
    void aMissingFileRestoresTheEmptyTable() throws IOException {
        assertEquals(ServiceTable.EMPTY, unopened().load());
    }

    @Test
    void aSavedTableIsRestoredEqual() throws IOException {
        ServiceTable table = sampleTable();
        save(table);

        assertEquals(table, unopened().load());
    }

    @Test
    void aSaveLeavesOnlyTheSnapshotAndTheJournal() throws IOException {
        save(sampleTable());
        save(ServiceTable.EMPTY);
        save(sampleTable());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("state.journal"), dir.resolve("state.snapshot")), files.sorted().toList());
        }
        assertEquals("JLVSSNAP", new String(Files.readAllBytes(dir.resolve("state.snapshot")), 0, 8,
                StandardCharsets.US_ASCII));
        assertEquals("JLVSJRNL", new String(Files.readAllBytes(dir.resolve("state.journal")), 0, 8,
                StandardCharsets.US_ASCII));
    }

    /**
     * state.snapshot as jlvs wrote it before FULLNAT local addresses (version 1), written out field
     * by field from its documented form: one TCP service with one real server.
     */
    private static byte[] versionOneSnapshot() {
        ByteBuffer body = ByteBuffer.allocate(256);
        body.putInt(900).putInt(120).putInt(300).putInt(0).putInt(1);
        body.put((byte) 0);
        putString(body, "TCP");
        body.put((byte) 4).put(new byte[]{10, 0, 0, 1}).putInt(80);
        putString(body, "rr");
        body.putInt(0).putInt(0).putInt(-1);
        putString(body, "");
        putString(body, "NONE");
        body.putInt(1).put((byte) 4).put(new byte[]{(byte) 192, (byte) 168, 1, 1}).putInt(80);
        putString(body, "MASQ");
        body.putInt(1).putInt(0).putInt(0);
        putString(body, "IPIP");
        body.putInt(0).putInt(TunnelFlags.NOCSUM);
        body.flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer file = ByteBuffer.allocate(24 + body.remaining());
        file.put("JLVSSNAP".getBytes(StandardCharsets.US_ASCII)).putInt(1).putLong(3).putInt((int) crc.getValue())
                .put(body);
        return file.array();
    }

    private static void putString(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }

    @Test
    void aVersionOneSnapshotLoadsWithoutLocalAddressesAndIsRewrittenAsVersionTwo() throws IOException {
        Files.write(dir.resolve("state.snapshot"), versionOneSnapshot());

        ServiceTable table = unopened().load();

        assertEquals(List.of(new ServiceSpec(WEB, "rr", 0, 0, 0xFFFFFFFF, "")),
                table.services().stream().map(s -> s.spec()).toList());
        assertEquals(List.of(DestinationSpec.of(InetAddress.ofLiteral("192.168.1.1"), 80, ForwardMethod.MASQ, 1)),
                table.services().getFirst().destinations());
        assertEquals(List.of(), table.services().getFirst().localAddresses());

        ServiceTable withLocal = new ServiceManager(table, HostFacts.system(), TableStore.NONE).table()
                .withServiceReplaced(table.services().getFirst().withLocalAddressAdded(
                        InetAddress.ofLiteral("192.168.0.10")));
        save(withLocal);
        assertEquals(2, ByteBuffer.wrap(Files.readAllBytes(dir.resolve("state.snapshot"))).getInt(8));
        assertEquals(withLocal, unopened().load());
    }

    @Test
    void aSnapshotOfAnUnknownVersionIsRefusedByName() throws IOException {
        byte[] bytes = versionOneSnapshot();
        ByteBuffer.wrap(bytes).putInt(8, 3);
        Path path = dir.resolve("state.snapshot");
        Files.write(path, bytes);

        StateFileException e = assertThrows(StateFileException.class, unopened()::load);

        assertEquals("state file " + path + " is a snapshot of version 3, not 1 or 2", e.getMessage());
    }

    @Test
    void aSnapshotWithAFlippedBitIsRefusedByName() throws IOException {
        save(sampleTable());
        Path path = dir.resolve("state.snapshot");
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(path, bytes);

        StateFileException e = assertThrows(StateFileException.class, unopened()::load);

        assertEquals("state file " + path + " is corrupt: its body fails its checksum", e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(path));
    }

    @Test
    void aSaveReplacesThePreviousTable() throws IOException {
        save(sampleTable());
        save(ServiceTable.EMPTY);

        assertEquals(ServiceTable.EMPTY, unopened().load());
    }

    @Test
    void theStateDirectoryIsCreatedWhenMissing() throws IOException {
        Path nested = dir.resolve("a/b");
        try (StateFile file = new StateFile(nested, HostFacts.system(), notes::add)) {
            file.load();
            file.prepare();
            file.replaceWith(ServiceTable.EMPTY);
        }

        assertTrue(Files.isRegularFile(nested.resolve("state.snapshot")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "{\"format\":\"jlvs-state\",\"version\":1,\"table\":{\"services\":[",
            "{\"format\":\"something-else\",\"version\":1,\"table\":{\"services\":[],\"timeouts\":{\"tcp\":900,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}",
            "{\"format\":\"jlvs-state\",\"version\":99,\"table\":{\"services\":[],\"timeouts\":{\"tcp\":900,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}",
            "{\"format\":\"jlvs-state\",\"version\":1}",
            "{\"format\":\"jlvs-state\",\"version\":3,\"table\":{\"services\":[],\"timeouts\":{\"tcp\":900,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}",
            "{\"format\":\"jlvs-state\",\"version\":1,\"table\":{\"services\":[],\"timeouts\":{\"tcp\":-5,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}"})
    void aCorruptFileIsRefusedByNameAndLeftAlone(String content) throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(path);

        StateFileException e = assertThrows(StateFileException.class, () -> unopened().load());

        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertEquals(path, e.file());
        assertArrayEquals(before, Files.readAllBytes(path));
    }

    @Test
    void anUnreadableFileIsRefusedByName() throws IOException {
        Path path = dir.resolve("state.json");
        Files.createDirectory(path);

        StateFileException e = assertThrows(StateFileException.class, () -> unopened().load());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void aManagerSavingToTheFileCanBeRebuiltFromIt() throws IOException {
        ServiceManager manager;
        try (StateFile file = unopened()) {
            manager = new ServiceManager(file.load(), HostFacts.system(), file);
            file.prepare();
            manager.handle(new Command.AddService(new ServiceSpec(WEB, "none", 0, 0, 0xFFFFFFFF, "")));
            manager.handle(new Command.AddDest(WEB, DestinationSpec.of(InetAddress.ofLiteral("192.168.1.1"), 80,
                    ForwardMethod.DROUTE, 1)));
        }

        ServiceManager restored = new ServiceManager(unopened().load(), HostFacts.system(), TableStore.NONE);

        assertEquals(manager.table(), restored.table());
    }

    @Test
    void theProxyProtocolSettingIsSavedByName() throws IOException {
        save(sampleTable());

        String text = new String(Files.readAllBytes(dir.resolve("state.snapshot")), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("\u0000\u0002V2"), text);
        assertTrue(text.contains("\u0000\u0004NONE"), text);
    }

    @Test
    void aFileWrittenBeforeTheProxyProtocolSettingLoadsWithNone() throws IOException {
        Files.writeString(dir.resolve("state.json"), VERSION_ONE_WITHOUT_PROXY_PROTOCOL, StandardCharsets.UTF_8);

        ServiceTable table = unopened().load();

        assertEquals(List.of(new ServiceSpec(WEB, "none", 0, 0, 0xFFFFFFFF, "")),
                table.services().stream().map(s -> s.spec()).toList());
        assertEquals(ProxyProtocol.NONE, table.services().getFirst().spec().proxyProtocol());
    }

    @Test
    void anUnknownProxyProtocolNameIsACorruptFile() throws IOException {
        Path path = dir.resolve("state.json");
        Files.write(path, JlvsJson.mapper().writeValueAsBytes(new StateDocument("jlvs-state", 1, sampleTable())));
        assertEquals(sampleTable(), unopened().load());
        Files.writeString(path, Files.readString(path).replace("\"V2\"", "\"V3\""));

        StateFileException e = assertThrows(StateFileException.class, unopened()::load);
        assertTrue(e.getMessage().contains("V3"), e.getMessage());
    }
}
