package io.jlvs.daemon;

import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.state.StateFile;
import io.jlvs.control.state.StateFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A running jlvsd: it holds the state directory's lock, restores the table from the state file,
 * keeps it in a ServiceManager that saves every change back, and serves the control socket.
 * Tests start one in-process; {@code jlvs daemon} starts one and waits for a signal.
 */
public final class Jlvsd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jlvsd.class);

    private final Path stateDirectory;
    private final StateDirectoryLock lock;
    private final ServiceManager manager;
    private final ControlSocketServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Jlvsd(Path stateDirectory, StateDirectoryLock lock, ServiceManager manager, ControlSocketServer server) {
        this.stateDirectory = stateDirectory;
        this.lock = lock;
        this.manager = manager;
        this.server = server;
    }

    /** Starts a daemon on this host's schedulers and interfaces. */
    public static Jlvsd start(Path socket, Path stateDirectory) throws DaemonStartupException {
        return start(socket, stateDirectory, HostFacts.system());
    }

    /**
     * Starts a daemon: lock the state directory, restore the table, then listen.
     *
     * @throws DaemonStartupException when another daemon holds the directory or the socket, or the
     *                                state file cannot be restored; nothing is left behind
     */
    public static Jlvsd start(Path socket, Path stateDirectory, HostFacts host) throws DaemonStartupException {
        StateDirectoryLock lock = StateDirectoryLock.acquire(stateDirectory);
        try {
            StateFile stateFile = new StateFile(stateDirectory);
            ServiceTable restored;
            try {
                restored = stateFile.load();
            } catch (StateFileException e) {
                throw new DaemonStartupException(e.getMessage() + "; jlvsd will not start over it (move it away to"
                        + " start with an empty table)", e);
            } catch (IOException e) {
                throw new DaemonStartupException("cannot read the state file " + stateFile.path() + ": " + e.getMessage(), e);
            }
            ServiceManager manager = new ServiceManager(restored, host, stateFile);
            ControlSocketServer server = ControlSocketServer.start(socket, manager::handle);
            LOG.info("jlvsd listening at {}, state in {} ({} services restored)", socket, stateDirectory,
                    restored.services().size());
            return new Jlvsd(stateDirectory, lock, manager, server);
        } catch (DaemonStartupException | RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public Path socket() {
        return server.socket();
    }

    public Path stateDirectory() {
        return stateDirectory;
    }

    /** The daemon's table, for wiring engines and for tests. */
    public ServiceManager manager() {
        return manager;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Closes the socket, removes the socket file and releases the state directory. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.close();
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("could not release the lock on {}: {}", stateDirectory, e.toString());
            }
            LOG.info("jlvsd stopped");
        } finally {
            stopped.countDown();
        }
    }
}
