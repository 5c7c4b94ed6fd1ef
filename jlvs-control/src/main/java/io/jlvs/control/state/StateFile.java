package io.jlvs.control.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.TableStore;
import io.jlvs.control.json.JlvsJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The whole ServiceTable as one JSON document, state.json in the state directory. Every save
 * writes a temp file in the same directory, forces it to disk, renames it over the old file
 * atomically and forces the directory, so a crash leaves either the old table or the new one.
 * Loading a file that cannot be read or parsed is an error naming the file: it is never
 * silently replaced by an empty table.
 */
public final class StateFile implements TableStore {
    /** The file's name in the state directory. */
    public static final String FILE_NAME = "state.json";
    /** The prefix of the temp files a save writes (and removes or renames). */
    static final String TEMP_PREFIX = ".state.json.";

    private final Path directory;
    private final Path file;
    private final ObjectMapper mapper = JlvsJson.mapper();

    public StateFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /**
     * The saved table, or the empty table when no file was ever written.
     *
     * @throws StateFileException when the file exists but cannot be read or is not a saved table
     */
    public ServiceTable load() throws StateFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ServiceTable.EMPTY;
        } catch (IOException e) {
            throw new StateFileException(file, "cannot be read: " + e, e);
        }
        StateDocument document;
        try {
            document = mapper.readValue(bytes, StateDocument.class);
        } catch (JsonProcessingException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new StateFileException(file, "is corrupt: " + reason, e);
        } catch (IOException e) {
            throw new StateFileException(file, "cannot be read: " + e, e);
        }
        if (!StateDocument.FORMAT.equals(document.format()) || document.version() != StateDocument.VERSION
                || document.table() == null) {
            throw new StateFileException(file, "is not a jlvs state file of version " + StateDocument.VERSION, null);
        }
        return document.table();
    }

    @Override
    public void save(ServiceTable table) throws IOException {
        byte[] bytes = mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new StateDocument(StateDocument.FORMAT, StateDocument.VERSION, table));
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, TEMP_PREFIX, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
    }

    /** Makes the rename durable: fsync on the directory itself. */
    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
