package io.jlvs.control.state;

import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.control.binary.BinaryCodec;
import io.jlvs.control.binary.GrowableBuffer;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is loaded passes the kernel rules, as a command would: a refused entry is named, with why, and left on disk. */
class StateFileValidationTest {
    private static final String SERVICE = """
            {"spec":{"key":{"type":"Address","protocol":"TCP","address":"10.0.0.1","port":80},
            "scheduler":"%s","flags":0,"timeout":0,"netmask":-1,"persistenceEngine":"","proxyProtocol":"NONE"},
            "destinations":[%s]}""";
    private static final String DESTINATION = """
            {"address":"192.168.1.1","port":80,"method":"MASQ","weight":%d,"upperThreshold":0,"lowerThreshold":0,
            "tunnelType":"IPIP","tunnelPort":0,"tunnelFlags":0}""";

    @TempDir
    Path dir;

    private static String document(String... services) {
        return "{\"format\":\"jlvs-state\",\"version\":1,\"table\":{\"services\":["
                + String.join(",", services)
                + "],\"timeouts\":{\"tcp\":900,\"tcpFin\":120,\"udp\":300},\"daemons\":[]}}";
    }

    private StateFile stateFile() {
        return new StateFile(dir, HostFacts.system(), note -> {
        });
    }

    private StateFileException refused(Path file) throws IOException {
        byte[] before = Files.readAllBytes(file);
        StateFileException e = assertThrows(StateFileException.class, () -> stateFile().load());
        assertEquals(file, e.file());
        assertArrayEquals(before, Files.readAllBytes(file), "the file is left as it was");
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown scheduler | fastest | 1  | service TCP 10.0.0.1:80 (scheduler "fastest"): Scheduler or persistence engine not found
            a negative weight    | rr      | -1 | service TCP 10.0.0.1:80, destination 192.168.1.1:80 (MASQ, weight -1): Numerical result out of range
            """)
    void anEntryTheRulesRefuseStopsTheLoadNamingItAndWhy(String what, String scheduler, int weight, String message)
            throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, document(SERVICE.formatted(scheduler, DESTINATION.formatted(weight))));

        StateFileException e = refused(file);

        assertEquals("state file " + file + " holds what jlvs would refuse: " + message, e.getMessage());
    }

    @Test
    void aDuplicateServiceStopsTheLoad() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, document(SERVICE.formatted("rr", ""), SERVICE.formatted("wlc", "")));

        StateFileException e = refused(file);

        assertTrue(e.getMessage().endsWith("service TCP 10.0.0.1:80 (scheduler \"wlc\"): Service already exists"),
                e.getMessage());
    }

    @Test
    void aFileHoldingNullIsRefusedByNameNotACrash() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "null");

        StateFileException e = refused(file);

        assertEquals("state file " + file + " holds null, not a jlvs state document", e.getMessage());
    }

    @Test
    void aJournalRecordForAServiceThatDoesNotExistStopsTheLoadNamingTheOffset() throws IOException {
        ServiceKey web = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
        save(oneService(ServiceEntry.of(new ServiceSpec(web, "rr", 0, 0, -1, ""))));
        Path journal = dir.resolve("state.journal");
        ServiceKey missing = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.9.9.9"), 80);
        Command orphan = new Command.AddDest(missing,
                DestinationSpec.of(InetAddress.ofLiteral("192.168.1.7"), 80, ForwardMethod.MASQ, 1));
        Command fine = new Command.AddDest(web,
                DestinationSpec.of(InetAddress.ofLiteral("192.168.1.8"), 80, ForwardMethod.MASQ, 1));
        append(journal, new Command.Batch(List.of(fine)));
        long offset = Files.size(journal);
        append(journal, new Command.Batch(List.of(orphan)));

        StateFileException e = refused(journal);

        assertEquals("state file " + journal + " holds at offset " + offset + " what jlvs would refuse: service TCP"
                + " 10.9.9.9:80, destination 192.168.1.7:80 (MASQ, weight 1): Service not defined", e.getMessage());
    }

    @Test
    void aSnapshotWithALocalAddressOfTheOtherFamilyStopsTheLoadNamingIt() throws IOException {
        ServiceKey web = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
        save(oneService(new ServiceEntry(new ServiceSpec(web, "rr", 0, 0, -1, ""), List.of(),
                List.of(InetAddress.ofLiteral("2001:db8::1")))));
        Path snapshot = dir.resolve("state.snapshot");

        StateFileException e = refused(snapshot);

        assertEquals("state file " + snapshot + " holds what jlvs would refuse: service TCP 10.0.0.1:80, local address"
                + " 2001:db8:0:0:0:0:0:1: Operation not supported with specified address family", e.getMessage());
    }

    @Test
    void aJournalRecordDeletingALocalAddressTheServiceLacksStopsTheLoad() throws IOException {
        ServiceKey web = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
        save(oneService(ServiceEntry.of(new ServiceSpec(web, "rr", 0, 0, -1, ""))));
        Path journal = dir.resolve("state.journal");
        append(journal, new Command.Batch(List.of(new Command.AddLocalAddress(web, InetAddress.ofLiteral("192.168.0.1")))));
        long offset = Files.size(journal);
        append(journal, new Command.Batch(List.of(new Command.DelLocalAddress(web, InetAddress.ofLiteral("192.168.0.2")))));

        StateFileException e = refused(journal);

        assertEquals("state file " + journal + " holds at offset " + offset + " what jlvs would refuse: service TCP"
                + " 10.0.0.1:80, local address 192.168.0.2: No such Local address", e.getMessage());
    }

    @Test
    void aServiceStoredOtherwiseThanTheRulesStoreItIsRefused() throws IOException {
        // The kernel keeps its HASHED flag (0x0002) to itself; -A never stores it.
        Path file = dir.resolve("state.json");
        Files.writeString(file, document(SERVICE.formatted("rr", "").replace("\"flags\":0", "\"flags\":2")));

        StateFileException e = refused(file);

        assertTrue(e.getMessage().contains("service TCP 10.0.0.1:80 (scheduler \"rr\"): -A would store"), e.getMessage());
    }

    @Test
    void aValidFileLoadsAsSaved() throws IOException {
        Files.writeString(dir.resolve("state.json"), document(SERVICE.formatted("rr", DESTINATION.formatted(3))));

        ServiceTable table = stateFile().load();

        assertEquals(new ServiceSpec(new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80),
                "rr", 0, 0, -1, ""), table.services().getFirst().spec());
        assertEquals(3, table.services().getFirst().destinations().getFirst().weight());
    }

    private static ServiceTable oneService(ServiceEntry service) {
        return new ServiceTable(List.of(service), Timeouts.DEFAULT, List.of());
    }

    /** Saves a table as jlvsd does: a snapshot and an empty journal. */
    private void save(ServiceTable table) throws IOException {
        try (StateFile file = stateFile()) {
            file.load();
            file.prepare();
            file.replaceWith(table);
        }
    }

    private static void append(Path journal, Command.Batch batch) throws IOException {
        GrowableBuffer payload = new GrowableBuffer(64);
        BinaryCodec.writeCommand(payload, batch);
        Files.write(journal, bytes(Journal.record(payload.flipped())), StandardOpenOption.APPEND);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
