package io.jlvs.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The exclusive claim of one jlvsd on a state directory: an fcntl lock on jlvsd.lock in it. The
 * kernel drops the lock when the process dies, however it dies, so a killed daemon never
 * leaves a stale claim behind.
 */
final class StateDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "jlvsd.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, creating the directory (mode 0700) when it does not exist. */
    static StateDirectoryLock acquire(Path directory) throws DaemonStartupException {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DaemonStartupException("cannot use the state directory " + directory + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Another jlvsd in this same JVM holds it.
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DaemonStartupException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new DaemonStartupException("another jlvsd is already using the state directory " + directory
                    + " (it holds the lock on " + file + ")");
        }
        return new StateDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing to start; the first error is the one to report.
        }
    }
}
