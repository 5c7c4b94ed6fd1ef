package io.jlvs.control.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.jlvs.control.CommandRefusedException;
import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.TableReplay;
import io.jlvs.control.TableStore;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Request;
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
 * The table on disk: a snapshot, state.json, and beside it a journal, state.journal, of the
 * commands applied since (see {@link Journal}). A change appends one record and fsyncs it, so it
 * costs the same with 10 services or 10,000; when the journal outgrows max(1 MB, the snapshot),
 * the next change writes a new snapshot instead (atomically, see {@link AtomicFile}) and starts
 * an empty journal naming the new snapshot's generation. A crash at any point leaves the table
 * before the request or after it: a torn last record is dropped, and a journal that names an
 * older generation than the snapshot (a crash between the two renames) is already in it.
 * <p>
 * Everything loaded goes through the kernel rules ({@link TableReplay}), so a file jlvsd would
 * not have written is refused by name, entry and reason, and never changed. The order is
 * {@link #load()}, which only reads, then {@link #prepare()} (clear leftovers, convert a
 * version 1 file, cut a torn tail), then {@link #commit} per request.
 */
public final class StateFile implements TableStore, AutoCloseable {
    /** The snapshot's name in the state directory. */
    public static final String FILE_NAME = "state.json";
    /** The least the journal may grow to before a change writes a snapshot instead. */
    static final long MIN_JOURNAL_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = JlvsJson.mapper();
    private static final ObjectWriter COMMANDS = MAPPER.writerFor(Request.class);

    private final Path directory;
    private final Path file;
    private final Path journalFile;
    private final HostFacts host;
    private final Consumer<String> log;
    private final long journalFloor;

    private Loaded loaded;
    private long generation;
    private long snapshotBytes;
    private JournalAppender appender;

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
        this.file = directory.resolve(FILE_NAME);
        this.journalFile = directory.resolve(Journal.FILE_NAME);
        this.host = Objects.requireNonNull(host, "host");
        this.log = Objects.requireNonNull(log, "log");
        this.journalFloor = journalFloor;
    }

    /** The snapshot. */
    public Path path() {
        return file;
    }

    /** The journal beside it. */
    public Path journalPath() {
        return journalFile;
    }

    /** What load found, for prepare. */
    private record Loaded(ServiceTable table, int version, long generation, long snapshotBytes,
                          Journal.Contents journal) {
    }

    /**
     * The saved table: the snapshot, then the journal's records, all judged by the kernel
     * rules; the empty table when nothing was ever saved. Reads only.
     *
     * @throws StateFileException naming the file (and the journal offset, and the entry and why)
     *                            when what is saved cannot be restored as it is
     */
    public ServiceTable load() throws StateFileException {
        Loaded snapshot = readSnapshot();
        ServiceTable table;
        try {
            table = TableReplay.rebuild(snapshot.table(), host);
        } catch (CommandRefusedException e) {
            throw new StateFileException(file, "holds what jlvs would refuse: " + e.getMessage(), e);
        }
        byte[] bytes = readIfPresent(journalFile);
        Journal.Contents journal = bytes == null ? null : Journal.read(journalFile, bytes);
        if (journal != null && journal.generation() > snapshot.generation()) {
            throw new StateFileException(journalFile, "continues snapshot generation " + journal.generation()
                    + ", but " + file + " is generation " + snapshot.generation(), null);
        }
        if (journal != null && journal.generation() < snapshot.generation()) {
            log.accept("ignoring " + journalFile + ": it continues snapshot generation " + journal.generation()
                    + ", which " + file + " (generation " + snapshot.generation() + ") already holds");
            journal = null;
        }
        if (journal != null) {
            table = replay(table, journal);
        }
        loaded = new Loaded(table, snapshot.version(), snapshot.generation(), snapshot.snapshotBytes(), journal);
        return table;
    }

    private ServiceTable replay(ServiceTable snapshot, Journal.Contents journal) throws StateFileException {
        TableReplay replay = new TableReplay(snapshot, host);
        for (Journal.Entry entry : journal.entries()) {
            Request request;
            try {
                request = MAPPER.readValue(entry.payload(), Request.class);
            } catch (IOException | RuntimeException e) {
                throw Journal.corrupt(journalFile, entry.offset(), "a record that is not a list of commands: " + e);
            }
            if (!(request instanceof Command.Batch batch)) {
                throw Journal.corrupt(journalFile, entry.offset(), "a record that is not a list of commands");
            }
            try {
                replay.apply(batch);
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
        byte[] bytes = readIfPresent(file);
        if (bytes == null) {
            return new Loaded(ServiceTable.EMPTY, 0, 0, 0, null);
        }
        StateDocument document;
        try {
            document = MAPPER.readValue(bytes, StateDocument.class);
        } catch (JsonProcessingException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new StateFileException(file, "is corrupt: " + reason, e);
        } catch (IOException e) {
            throw new StateFileException(file, "cannot be read: " + e, e);
        }
        if (document == null) {
            throw new StateFileException(file, "holds null, not a jlvs state document", null);
        }
        boolean knownVersion = document.version() == StateDocument.VERSION
                || document.version() == StateDocument.VERSION_WITHOUT_JOURNAL;
        boolean generationFits = (document.generation() == null) == (document.version() == StateDocument.VERSION_WITHOUT_JOURNAL);
        if (!StateDocument.FORMAT.equals(document.format()) || !knownVersion || !generationFits
                || document.table() == null) {
            throw new StateFileException(file, "is not a jlvs state file of version "
                    + StateDocument.VERSION_WITHOUT_JOURNAL + " or " + StateDocument.VERSION, null);
        }
        long generation = document.generation() == null ? 0 : document.generation();
        return new Loaded(document.table(), document.version(), generation, bytes.length, null);
    }

    private byte[] readIfPresent(Path path) throws StateFileException {
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
     * a crash left, converts a version 1 file into a snapshot and journal, replaces a journal the
     * snapshot already holds, and cuts a torn last record off.
     */
    public void prepare() throws IOException {
        if (loaded == null) {
            throw new IllegalStateException("load the state before preparing it");
        }
        for (Path leftover : AtomicFile.removeLeftovers(directory, List.of(file, journalFile))) {
            log.accept("removed " + leftover + ", left by a save cut short");
        }
        generation = loaded.generation();
        snapshotBytes = loaded.snapshotBytes();
        closeJournal();
        switch (loaded.version()) {
            case 0 -> {
                // nothing saved yet: the first change writes the first snapshot
            }
            case StateDocument.VERSION_WITHOUT_JOURNAL -> {
                replaceWith(loaded.table());
                log.accept("converted " + file + " from version 1 to a snapshot and the journal " + journalFile);
            }
            default -> {
                if (loaded.journal() == null) {
                    startJournal();
                } else {
                    appender = JournalAppender.open(journalFile, loaded.journal().validEnd());
                }
            }
        }
    }

    /**
     * Appends the request's applied commands to the journal, or, when the journal has outgrown
     * the snapshot, writes a snapshot of the table after them.
     */
    @Override
    public void commit(List<Command> applied, ServiceTable next) throws IOException {
        if (loaded == null) {
            throw new IllegalStateException("load and prepare the state before committing to it");
        }
        if (appender == null) {
            replaceWith(next);
            return;
        }
        ByteBuffer record = Journal.record(COMMANDS.writeValueAsBytes(new Command.Batch(applied)));
        if (appender.size() + record.remaining() > Math.max(journalFloor, snapshotBytes)) {
            replaceWith(next);
        } else {
            appender.append(record);
        }
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
        byte[] bytes = MAPPER.writeValueAsBytes(
                new StateDocument(StateDocument.FORMAT, StateDocument.VERSION, generation, table));
        AtomicFile.write(file, ByteBuffer.wrap(bytes));
        snapshotBytes = bytes.length;
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
