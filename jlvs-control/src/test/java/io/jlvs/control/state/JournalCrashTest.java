package io.jlvs.control.state;

import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crash at any point of a save loads the table before the request or after it, never a mix or an error. */
class JournalCrashTest {
    private static final ServiceKey WEB = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
    private static final ServiceKey API = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.2"), 80);

    @TempDir
    Path dir;
    private final List<String> notes = new ArrayList<>();

    private StateFile stateFile(Path directory, long journalFloor) {
        return new StateFile(directory, HostFacts.system(), notes::add, journalFloor);
    }

    private ServiceTable load(Path directory) throws IOException {
        return stateFile(directory, StateFile.MIN_JOURNAL_BYTES).load();
    }

    /** Runs requests through a manager saving to dir; returns the table after each. */
    private List<ServiceTable> run(long journalFloor, Command... requests) throws IOException {
        List<ServiceTable> tables = new ArrayList<>();
        try (StateFile file = stateFile(dir, journalFloor)) {
            ServiceManager manager = new ServiceManager(file.load(), HostFacts.system(), file);
            file.prepare();
            tables.add(manager.table());
            for (Command request : requests) {
                assertEquals(new Reply.Ok(), manager.handle(request), request::toString);
                tables.add(manager.table());
            }
        }
        return tables;
    }

    private static Command.AddDest real(ServiceKey key, String address) {
        return new Command.AddDest(key, DestinationSpec.of(InetAddress.ofLiteral(address), 80, ForwardMethod.MASQ, 1));
    }

    private static Command.AddService service(ServiceKey key) {
        return new Command.AddService(new ServiceSpec(key, "rr", 0, 0, ServiceSpec.DEFAULT_NETMASK_V4, ""));
    }

    @Test
    void aChangeAppendsOneRecordAndLeavesTheSnapshotAlone() throws IOException {
        run(StateFile.MIN_JOURNAL_BYTES, service(WEB));
        byte[] snapshot = Files.readAllBytes(dir.resolve("state.snapshot"));
        long journal = Files.size(dir.resolve("state.journal"));

        List<ServiceTable> tables = run(StateFile.MIN_JOURNAL_BYTES, real(WEB, "192.168.1.1"));

        assertArrayEquals(snapshot, Files.readAllBytes(dir.resolve("state.snapshot")));
        assertTrue(Files.size(dir.resolve("state.journal")) > journal);
        assertEquals(tables.getLast(), load(dir));
    }

    @Test
    void aJournalCutAtEveryByteOfItsLastRecordLoadsTheTableBeforeOrAfterThatRequest() throws IOException {
        List<ServiceTable> tables = run(StateFile.MIN_JOURNAL_BYTES, service(WEB), real(WEB, "192.168.1.1"),
                new Command.Batch(List.of(service(API), real(API, "192.168.1.2"), real(WEB, "192.168.1.3"))));
        ServiceTable before = tables.get(tables.size() - 2);
        ServiceTable after = tables.getLast();
        Path journal = dir.resolve("state.journal");
        byte[] whole = Files.readAllBytes(journal);
        int lastRecord = lastRecordOffset(whole);

        for (int cut = lastRecord; cut <= whole.length; cut++) {
            Files.write(journal, Arrays.copyOf(whole, cut));
            notes.clear();

            ServiceTable loaded = load(dir);

            assertEquals(cut == whole.length ? after : before, loaded, "journal cut at " + cut);
            assertEquals(cut == lastRecord || cut == whole.length ? 0 : 1, notes.size(), "cut at " + cut + ": " + notes);
        }
    }

    @Test
    void aLastRecordWrittenAsGarbageOrZerosIsDroppedWithALogLine() throws IOException {
        List<ServiceTable> tables = run(StateFile.MIN_JOURNAL_BYTES, service(WEB), real(WEB, "192.168.1.1"));
        Path journal = dir.resolve("state.journal");
        byte[] whole = Files.readAllBytes(journal);
        int lastRecord = lastRecordOffset(whole);

        byte[] flipped = whole.clone();
        flipped[whole.length - 3] ^= 0x40;
        Files.write(journal, flipped);
        assertEquals(tables.get(1), load(dir));
        assertTrue(notes.getFirst().contains("failing its checksum"), notes.toString());

        byte[] zeros = whole.clone();
        Arrays.fill(zeros, lastRecord, zeros.length, (byte) 0);
        Files.write(journal, zeros);
        assertEquals(tables.get(1), load(dir));
        assertTrue(notes.getLast().contains("zeros"), notes.toString());
    }

    @Test
    void aBadRecordBeforeTheLastIsAnErrorNamingTheFileAndOffset() throws IOException {
        run(StateFile.MIN_JOURNAL_BYTES, service(WEB), real(WEB, "192.168.1.1"), real(WEB, "192.168.1.2"));
        Path journal = dir.resolve("state.journal");
        byte[] whole = Files.readAllBytes(journal);
        // The first change wrote the first snapshot; the journal holds the two -a records.
        int first = Journal.HEADER_BYTES;
        assertTrue(lastRecordOffset(whole) > first);
        whole[first + Journal.RECORD_HEADER_BYTES + 2] ^= 0x01;
        Files.write(journal, whole);

        StateFileException e = assertThrows(StateFileException.class, () -> load(dir));

        assertEquals(journal, e.file());
        assertTrue(e.getMessage().contains(journal + " is corrupt at offset " + first + ": a record failing its checksum"),
                e.getMessage());
        assertArrayEquals(whole, Files.readAllBytes(journal));
    }

    @Test
    void aTornTailIsCutOffAtStartSoTheNextRecordFollowsTheLastWholeOne() throws IOException {
        run(StateFile.MIN_JOURNAL_BYTES, service(WEB), real(WEB, "192.168.1.1"));
        Path journal = dir.resolve("state.journal");
        byte[] whole = Files.readAllBytes(journal);
        Files.write(journal, Arrays.copyOf(whole, whole.length - 5));

        List<ServiceTable> tables = run(StateFile.MIN_JOURNAL_BYTES, real(WEB, "192.168.1.9"));

        notes.clear();
        assertEquals(tables.getLast(), load(dir));
        assertTrue(notes.isEmpty(), notes.toString());
        assertFalse(tables.getLast().find(WEB).orElseThrow()
                .destination(InetAddress.ofLiteral("192.168.1.1"), 80).isPresent());
    }

    @Test
    void aCrashBetweenTheSnapshotRenameAndTheNewJournalLoadsTheNewTable() throws IOException {
        run(StateFile.MIN_JOURNAL_BYTES, service(WEB), real(WEB, "192.168.1.1"));
        Path copy = dir.resolveSibling(dir.getFileName() + "-before");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("state.journal"), copy.resolve("state.journal"));

        // A floor of one byte: the journal is past the snapshot's size, so this change compacts.
        List<ServiceTable> tables = run(1, real(WEB, "192.168.1.2"));
        assertEquals(2, Snapshot.decode(dir, Files.readAllBytes(dir.resolve("state.snapshot"))).generation(), "compacted");
        // The crash: the new snapshot is in place, the old journal (one generation behind) is not replaced yet.
        Files.copy(copy.resolve("state.journal"), dir.resolve("state.journal"), StandardCopyOption.REPLACE_EXISTING);
        notes.clear();

        assertEquals(tables.getLast(), load(dir));
        assertTrue(notes.getFirst().contains("already holds"), notes.toString());
        // and the next start replaces the stale journal, so a change after it is kept
        List<ServiceTable> later = run(StateFile.MIN_JOURNAL_BYTES, real(WEB, "192.168.1.3"));
        assertEquals(later.getLast(), load(dir));
    }

    @Test
    void aCrashBeforeTheSnapshotRenameLoadsTheOldTableAndTheTempFileIsRemovedAtStart() throws IOException {
        List<ServiceTable> tables = run(StateFile.MIN_JOURNAL_BYTES, service(WEB), real(WEB, "192.168.1.1"));
        Path leftover = dir.resolve(".state.json.123456.tmp");
        Path journalLeftover = dir.resolve(".state.journal.654321.tmp");
        Files.writeString(leftover, "{\"format\":\"jlvs-state\",\"vers");
        Files.writeString(journalLeftover, "JLVS");
        Path unrelated = dir.resolve(".other.tmp");
        Files.writeString(unrelated, "not ours");

        assertEquals(tables.getLast(), load(dir));
        assertTrue(Files.exists(leftover), "load only reads");
        run(StateFile.MIN_JOURNAL_BYTES);

        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(journalLeftover));
        assertTrue(Files.exists(unrelated));
        assertTrue(notes.stream().anyMatch(n -> n.contains("removed " + leftover)), notes.toString());
    }

    @Test
    void theJournalIsCompactedIntoTheSnapshotOnceItOutgrowsIt() throws IOException {
        long floor = 600;
        Command[] requests = new Command[40];
        requests[0] = service(WEB);
        for (int i = 1; i < requests.length; i++) {
            requests[i] = real(WEB, "192.168.2." + i);
        }

        List<ServiceTable> tables = run(floor, requests);

        long snapshot = Files.size(dir.resolve("state.snapshot"));
        long journal = Files.size(dir.resolve("state.journal"));
        assertTrue(journal <= Math.max(floor, snapshot), journal + " > max(" + floor + ", " + snapshot + ")");
        assertTrue(snapshot > floor, "the snapshot has been rewritten with the real servers: " + snapshot);
        assertEquals(tables.getLast(), load(dir));
    }

    @Test
    void aVersionOneFileLoadsAndIsConvertedAtStart() throws IOException {
        Files.writeString(dir.resolve("state.json"), StateFileTest.VERSION_ONE_WITHOUT_PROXY_PROTOCOL);
        ServiceTable old = load(dir);
        assertEquals(List.of(WEB), old.services().stream().map(s -> s.key()).toList());

        List<ServiceTable> tables = run(StateFile.MIN_JOURNAL_BYTES, real(WEB, "192.168.1.1"));

        assertFalse(Files.exists(dir.resolve("state.json")), "converted");
        assertTrue(notes.stream().anyMatch(n -> n.contains("(version 1) into")), notes.toString());
        assertEquals(tables.getLast(), load(dir));
    }

    /** Where the last record starts: walk the records from the header. */
    private static int lastRecordOffset(byte[] journal) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(journal);
        int offset = Journal.HEADER_BYTES;
        int last = -1;
        while (offset < journal.length) {
            last = offset;
            offset += Journal.RECORD_HEADER_BYTES + in.getInt(offset);
        }
        assertEquals(journal.length, offset);
        assertTrue(last > 0, "the journal has records");
        return last;
    }
}
