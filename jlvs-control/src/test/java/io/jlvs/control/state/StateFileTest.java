package io.jlvs.control.state;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.HostFacts;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state file: atomic saves, faithful restores, and corrupt files refused by name. */
class StateFileTest {
    private static final ServiceKey WEB = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
    private static final ServiceKey MARK6 = new ServiceKey.Mark(AddressFamily.INET6, 42);
    private static final ServiceKey PROXIED = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.2"), 443);

    @TempDir
    Path dir;

    /** A table with a bit of everything a table can hold. */
    private static ServiceTable sampleTable() {
        ServiceManager manager = new ServiceManager();
        List<Command> commands = List.of(
                new Command.AddService(new ServiceSpec(WEB, "none", ServiceFlags.PERSISTENT, 600, 0xFFFFFF00, "")),
                new Command.AddDest(WEB, DestinationSpec.of(InetAddress.ofLiteral("192.168.1.1"), 80, ForwardMethod.MASQ, 2)),
                new Command.AddDest(WEB, new DestinationSpec(InetAddress.ofLiteral("2001:db8::5"), 80, ForwardMethod.TUNNEL,
                        1, 100, 0, TunnelType.GUE, 6080, TunnelFlags.CSUM)),
                new Command.AddService(new ServiceSpec(MARK6, "none", 0, 0, 64, "")),
                new Command.AddService(new ServiceSpec(PROXIED, "none", 0, 0, 0xFFFFFFFF, "", ProxyProtocol.V2)),
                new Command.AddDest(MARK6, DestinationSpec.of(InetAddress.ofLiteral("2001:db8::7"), 0, ForwardMethod.DROUTE, 0)),
                new Command.SetTimeouts(new Timeouts(1000, 0, 30)));
        for (Command c : commands) {
            assertEquals(new Reply.Ok(), manager.handle(c), c::toString);
        }
        // The kernel refuses a sync daemon while a real server has another family than its service,
        // so the daemon is put into the snapshot directly: the file must carry any table.
        ServiceTable table = manager.table();
        return new ServiceTable(table.services(), table.timeouts(),
                List.of(new SyncDaemonSpec(SyncDaemonSpec.State.BACKUP, "lo", 3, 65507, "224.0.0.81", 8848, 1)));
    }

    @Test
    void aMissingFileRestoresTheEmptyTable() throws IOException {
        assertSame(ServiceTable.EMPTY, new StateFile(dir).load());
    }

    @Test
    void aSavedTableIsRestoredEqual() throws IOException {
        ServiceTable table = sampleTable();
        new StateFile(dir).save(table);

        assertEquals(table, new StateFile(dir).load());
    }

    @Test
    void aSaveLeavesOnlyTheStateFileAndItIsReadableJsonWithNumericAddresses() throws IOException {
        StateFile file = new StateFile(dir);
        file.save(sampleTable());
        file.save(ServiceTable.EMPTY);
        file.save(sampleTable());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("state.json")), files.toList());
        }
        String text = Files.readString(file.path());
        assertTrue(text.contains("\"format\" : \"jlvs-state\""), text);
        assertTrue(text.contains("\"10.0.0.1\""), text);
        assertTrue(text.contains("\"2001:db8:0:0:0:0:0:5\""), text);
    }

    @Test
    void aSaveReplacesThePreviousTable() throws IOException {
        StateFile file = new StateFile(dir);
        file.save(sampleTable());
        file.save(ServiceTable.EMPTY);

        assertEquals(ServiceTable.EMPTY, file.load());
    }

    @Test
    void theStateDirectoryIsCreatedWhenMissing() throws IOException {
        Path nested = dir.resolve("a/b");
        new StateFile(nested).save(ServiceTable.EMPTY);

        assertTrue(Files.isRegularFile(nested.resolve("state.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "{\"format\":\"jlvs-state\",\"version\":1,\"table\":{\"services\":[",
            "{\"format\":\"something-else\",\"version\":1,\"table\":{\"services\":[],\"timeouts\":{\"tcp\":900,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}",
            "{\"format\":\"jlvs-state\",\"version\":99,\"table\":{\"services\":[],\"timeouts\":{\"tcp\":900,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}",
            "{\"format\":\"jlvs-state\",\"version\":1}",
            "{\"format\":\"jlvs-state\",\"version\":1,\"table\":{\"services\":[],\"timeouts\":{\"tcp\":-5,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}"})
    void aCorruptFileIsRefusedByNameAndLeftAlone(String content) throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(path);

        StateFileException e = assertThrows(StateFileException.class, () -> new StateFile(dir).load());

        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertEquals(path, e.file());
        assertArrayEquals(before, Files.readAllBytes(path));
    }

    @Test
    void anUnreadableFileIsRefusedByName() throws IOException {
        Path path = dir.resolve("state.json");
        Files.createDirectory(path);

        StateFileException e = assertThrows(StateFileException.class, () -> new StateFile(dir).load());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void aManagerSavingToTheFileCanBeRebuiltFromIt() throws IOException {
        StateFile file = new StateFile(dir);
        ServiceManager manager = new ServiceManager(file.load(), HostFacts.system(), file);
        manager.handle(new Command.AddService(new ServiceSpec(WEB, "none", 0, 0, 0xFFFFFFFF, "")));
        manager.handle(new Command.AddDest(WEB, DestinationSpec.of(InetAddress.ofLiteral("192.168.1.1"), 80,
                ForwardMethod.DROUTE, 1)));

        ServiceManager restored = new ServiceManager(new StateFile(dir).load(), HostFacts.system(), file);

        assertEquals(manager.table(), restored.table());
    }

    @Test
    void theProxyProtocolSettingIsSavedByName() throws IOException {
        StateFile file = new StateFile(dir);
        file.save(sampleTable());

        String text = Files.readString(file.path());
        assertTrue(text.contains("\"proxyProtocol\" : \"V2\""), text);
        assertTrue(text.contains("\"proxyProtocol\" : \"NONE\""), text);
    }

    @Test
    void aFileWrittenBeforeTheProxyProtocolSettingLoadsWithNone() throws IOException {
        // state.json as jlvs wrote it before ServiceSpec had proxyProtocol
        String old = """
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
        Files.writeString(dir.resolve("state.json"), old, StandardCharsets.UTF_8);

        ServiceTable table = new StateFile(dir).load();

        assertEquals(List.of(new ServiceSpec(WEB, "none", 0, 0, 0xFFFFFFFF, "")),
                table.services().stream().map(s -> s.spec()).toList());
        assertEquals(ProxyProtocol.NONE, table.services().getFirst().spec().proxyProtocol());
    }

    @Test
    void anUnknownProxyProtocolNameIsACorruptFile() throws IOException {
        StateFile file = new StateFile(dir);
        file.save(sampleTable());
        Files.writeString(file.path(), Files.readString(file.path()).replace("\"V2\"", "\"V3\""));

        StateFileException e = assertThrows(StateFileException.class, file::load);
        assertTrue(e.getMessage().contains("V3"), e.getMessage());
    }
}
