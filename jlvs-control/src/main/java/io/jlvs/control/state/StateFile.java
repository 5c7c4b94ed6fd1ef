package io.jlvs.control.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jlvs.control.CommandRefusedException;
import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.TableReplay;
import io.jlvs.control.TableStore;
import io.jlvs.control.api.Command;
import io.jlvs.control.binary.BinaryCodec;
import io.jlvs.control.binary.GrowableBuffer;
import io.jlvs.control.json.JlvsJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The table on disk: a snapshot, state.snapshot ({@link Snapshot}), and beside it a journal,
 * state.journal ({@link Journal}), of the commands applied since. A change appends one record and
 * fsyncs it, so it costs the same with 10 services or 10,000; when the journal would outgrow
 * max(1 MB, the snapshot), the change writes a new snapshot instead (atomically, see
 * {@link AtomicFile}) and starts an empty journal naming the new snapshot's generation. A crash
 * at any point leaves the table before the request or after it: a torn last record is dropped,
 * and a journal naming an older generation than the snapshot (a crash between the two renames)
 * is already in it.
 * <p>
 * Everything loaded goes through the kernel rules ({@link TableReplay}), so a file jlvsd would
 * not have written is refused by name, entry and reason, and never changed. The order is
 * {@link #load()}, which only reads, then {@link #prepare()} (clear leftovers, convert a
 * version 1 state.json, cut a torn tail), then {@link #commit} per request.
 */
public final class StateFile implements TableStore, AutoCloseable {
    /** The snapshot's name in the state directory. */
    public static final String SNAPSHOT_NAME = Snapshot.FILE_NAME;
    /** The journal's name in the state directory. */
    public static final String JOURNAL_NAME = Journal.FILE_NAME;
    /** The whole-table JSON file of jlvs before the journal (version 1), read and converted. */
    public static final String LEGACY_NAME = "state.json";
    /** The least the journal may grow to before a change writes a snapshot instead. */
    static final long MIN_JOURNAL_BYTES = 1 << 20;

    private final Path directory;
    private final Path snapshotFile;
    private final Path journalFile;
    private final Path legacyFile;
    private final HostFacts host;
    private final Consumer<String> log;
    private final long journalFloor;

    private Loaded loaded;
    private long generation;
    private long snapshotBytes;
    private JournalAppender appender;
    private long bytesWritten;

    /**
     * The state files in a directory.
     *
     * @param host what the kernel rules check loaded entries against
     * @param log  where to say what was repaired or ignored (a torn record, a leftover temp file)
     */
    public StateFile(Path directory, HostFacts host, Consumer<String> log) {
        this(directory, host, log, MIN_JOURNAL_BYTES);
    }

    StateFile(Path directory, HostFacts host, Consumer<String> log, long journalFloor) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.snapshotFile = directory.resolve(SNAPSHOT_NAME);
        this.journalFile = directory.resolve(JOURNAL_NAME);
        this.legacyFile = directory.resolve(LEGACY_NAME);
        this.host = Objects.requireNonNull(host, "host");
        this.log = Objects.requireNonNull(log, "log");
        this.journalFloor = journalFloor;
    }

    /** What load found, for prepare: where the table came from and the journal's state. */
    private record Loaded(ServiceTable table, Source source, long generation, long snapshotBytes,
                          Journal.Contents journal) {
    }

    private enum Source { NOTHING, LEGACY, SNAPSHOT }

    /**
     * The saved table: the snapshot, then the journal's records, all judged by the kernel
     * rules; the empty table when nothing was ever saved. Reads only.
     *
     * @throws StateFileException naming the file (and the journal offset, and the entry and why)
     *                            when what is saved cannot be restored as it is
     */
    public ServiceTable load() throws StateFileException {
        Loaded snapshot = readSnapshot();
        Path source = snapshot.source() == Source.LEGACY ? legacyFile : snapshotFile;
        ServiceTable table;
        try {
            table = TableReplay.rebuild(snapshot.table(), host);
        } catch (CommandRefusedException e) {
            throw new StateFileException(source, "holds what jlvs would refuse: " + e.getMessage(), e);
        }
        Journal.Contents journal = null;
        if (snapshot.source() == Source.SNAPSHOT) {
            byte[] bytes = readIfPresent(journalFile);
            journal = bytes == null ? null : Journal.read(journalFile, bytes);
        }
        if (journal != null && journal.generation() > snapshot.generation()) {
            throw new StateFileException(journalFile, "continues snapshot generation " + journal.generation()
                    + ", but " + snapshotFile + " is generation " + snapshot.generation(), null);
        }
        if (journal != null && journal.generation() < snapshot.generation()) {
            log.accept("ignoring " + journalFile + ": it continues snapshot generation " + journal.generation()
                    + ", which " + snapshotFile + " (generation " + snapshot.generation() + ") already holds");
            journal = null;
        }
        if (journal != null) {
            table = replay(table, journal);
        }
        loaded = new Loaded(table, snapshot.source(), snapshot.generation(), snapshot.snapshotBytes(), journal);
        return table;
    }

    private ServiceTable replay(ServiceTable snapshot, Journal.Contents journal) throws StateFileException {
        TableReplay replay = new TableReplay(snapshot, host);
        for (Journal.Entry entry : journal.entries()) {
            Command command;
            try {
                command = BinaryCodec.readCommand(ByteBuffer.wrap(entry.payload()));
            } catch (BinaryCodec.MalformedException e) {
                throw Journal.corrupt(journalFile, entry.offset(), "a record that is not a command: " + e.getMessage());
            }
            try {
                replay.apply(command);
            } catch (CommandRefusedException e) {
                throw new StateFileException(journalFile, "holds at offset " + entry.offset()
                        + " what jlvs would refuse: " + e.getMessage(), e);
            }
        }
        if (journal.tornTail() != null) {
            log.accept("ignoring the last record of " + journalFile + " at offset " + journal.validEnd() + ": "
                    + journal.tornTail() + " (a save cut short; its request was never answered)");
        }
        return replay.table();
    }

    private Loaded readSnapshot() throws StateFileException {
        byte[] bytes = readIfPresent(snapshotFile);
        if (bytes != null) {
            Snapshot.Contents snapshot = Snapshot.decode(snapshotFile, bytes);
            return new Loaded(snapshot.table(), Source.SNAPSHOT, snapshot.generation(), bytes.length, null);
        }
        bytes = readIfPresent(legacyFile);
        if (bytes == null) {
            return new Loaded(ServiceTable.EMPTY, Source.NOTHING, 0, 0, null);
        }
        return new Loaded(readLegacy(bytes), Source.LEGACY, 0, 0, null);
    }

    private ServiceTable readLegacy(byte[] bytes) throws StateFileException {
        StateDocument document;
        try {
            document = JlvsJson.mapper().readValue(bytes, StateDocument.class);
        } catch (JsonProcessingException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new StateFileException(legacyFile, "is corrupt: " + reason, e);
        } catch (IOException e) {
            throw new StateFileException(legacyFile, "cannot be read: " + e, e);
        }
        if (document == null) {
            throw new StateFileException(legacyFile, "holds null, not a jlvs state document", null);
        }
        if (!StateDocument.FORMAT.equals(document.format()) || document.version() != StateDocument.VERSION
                || document.table() == null) {
            throw new StateFileException(legacyFile, "is not a jlvs state file of version " + StateDocument.VERSION,
                    null);
        }
        return document.table();
    }

    private static byte[] readIfPresent(Path path) throws StateFileException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StateFileException(path, "cannot be read: " + e, e);
        }
    }

    /**
     * Readies the directory for commits once the table is loaded and accepted: removes temp files
     * a crash left, converts a version 1 state.json into a snapshot and journal, replaces a
     * journal the snapshot already holds, and cuts a torn last record off.
     */
    public void prepare() throws IOException {
        if (loaded == null) {
            throw new IllegalStateException("load the state before preparing it");
        }
        for (Path leftover : AtomicFile.removeLeftovers(directory, List.of(snapshotFile, journalFile, legacyFile))) {
            log.accept("removed " + leftover + ", left by a save cut short");
        }
        generation = loaded.generation();
        snapshotBytes = loaded.snapshotBytes();
        closeJournal();
        switch (loaded.source()) {
            case NOTHING -> {
                // nothing saved yet: the first change writes the first snapshot
            }
            case LEGACY -> {
                replaceWith(loaded.table());
                log.accept("converted " + legacyFile + " (version 1) into " + snapshotFile + " and " + journalFile);
                removeLegacy();
            }
            case SNAPSHOT -> {
                // A state.json beside a snapshot is one whose conversion a crash cut short.
                removeLegacy();
                if (loaded.journal() == null) {
                    startJournal();
                } else {
                    appender = JournalAppender.open(journalFile, loaded.journal().validEnd());
                }
            }
        }
    }

    private void removeLegacy() throws IOException {
        if (Files.deleteIfExists(legacyFile)) {
            AtomicFile.forceDirectory(directory);
        }
    }

    /**
     * Appends the request's applied commands to the journal, or, when that would take the journal
     * past max(1 MB, the snapshot's size), writes a snapshot of the table after them instead.
     */
    @Override
    public void commit(List<Command> applied, ServiceTable next) throws IOException {
        if (loaded == null) {
            throw new IllegalStateException("load and prepare the state before committing to it");
        }
        long limit = Math.max(journalFloor, snapshotBytes);
        // A guess of the record's size (most commands take 16 bytes or more) so that -R of a whole
        // table goes straight to a snapshot without encoding a record first; a wrong guess only
        // writes the snapshot a little early.
        if (appender == null || appender.size() + (long) applied.size() * 16 > limit) {
            replaceWith(next);
            return;
        }
        GrowableBuffer payload = new GrowableBuffer(64 * applied.size());
        BinaryCodec.writeCommand(payload, new Command.Batch(applied));
        ByteBuffer record = Journal.record(payload.flipped());
        if (appender.size() + record.remaining() > limit) {
            replaceWith(next);
        } else {
            int length = record.remaining();
            appender.append(record);
            bytesWritten += length;
        }
    }

    /** The bytes this instance has written to the state directory: records, snapshots, journal headers. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Compaction: a snapshot of this table in the place of everything saved, then an empty
     * journal. Once the snapshot is renamed the table is saved; if the journal cannot then be
     * started, the next commit writes a snapshot again rather than append to a journal that
     * names the old generation.
     */
    public void replaceWith(ServiceTable table) throws IOException {
        closeJournal();
        // A failed attempt may have left its snapshot: the next one is newer still.
        generation++;
        ByteBuffer bytes = Snapshot.encode(generation, table);
        int length = bytes.remaining();
        AtomicFile.write(snapshotFile, bytes);
        snapshotBytes = length;
        bytesWritten += length;
        // A crash here leaves the new snapshot and a journal of the generation before: ignored.
        try {
            startJournal();
        } catch (IOException e) {
            log.accept("could not start a new journal " + journalFile + " (" + e + "); the next change writes a"
                    + " snapshot again");
        }
    }

    private void startJournal() throws IOException {
        AtomicFile.write(journalFile, Journal.header(generation));
        bytesWritten += Journal.HEADER_BYTES;
        appender = JournalAppender.open(journalFile, Journal.HEADER_BYTES);
    }

    private void closeJournal() throws IOException {
        if (appender != null) {
            JournalAppender open = appender;
            appender = null;
            open.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeJournal();
    }
}
