package io.jlvs.control.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole-file replacement that a crash cannot tear: the bytes go to a temp file in the same
 * directory ({@code .NAME.*.tmp}), which is forced to disk, renamed over the target atomically,
 * and the directory forced so the rename itself is durable. A crash leaves the old file or the
 * new one, and at worst a temp file that {@link #removeLeftovers} clears at the next start.
 */
final class AtomicFile {
    /** How a temp file ends. */
    static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /** The temp-file prefix for a target: its name behind a dot, then a dot. */
    static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /** Replaces the target with these bytes, durably and atomically. */
    static void write(Path target, ByteBuffer... parts) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, tempPrefix(target), TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                for (ByteBuffer part : parts) {
                    while (part.hasRemaining()) {
                        channel.write(part);
                    }
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(directory);
    }

    /** Makes renames and truncations in a directory durable: fsync on the directory itself. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /**
     * Deletes the temp files a save cut short by a crash left behind for these targets.
     *
     * @return the files removed
     */
    static List<Path> removeLeftovers(Path directory, List<Path> targets) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean leftover = name.endsWith(TEMP_SUFFIX)
                        && targets.stream().anyMatch(t -> name.startsWith(tempPrefix(t)));
                if (leftover && Files.isRegularFile(file)) {
                    Files.delete(file);
                    removed.add(file);
                }
            }
        }
        return removed;
    }
}
