package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.NumericListings;
import io.jlvs.control.EngineUnavailableException;
import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.state.StateFile;
import io.jlvs.control.state.StateFileException;
import io.jlvs.core.engine.DataPlane;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.daemon.packet.PacketMode;
import io.jlvs.proxy.ProxyEngine;
import io.jlvs.proxy.ProxyOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A running jlvsd: it holds the state directory's lock, restores the table from the state file,
 * keeps it in a ServiceManager that saves every change back, runs the data plane of its
 * {@link DaemonMode} (the proxy engine, fed every applied command and asked for live counts and
 * connection entries), and serves the control socket.
 * Tests start one in-process; {@code jlvs daemon} starts one and waits for a signal.
 */
public final class Jlvsd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jlvsd.class);
    /** How long the engine may take to load the restored table (listeners bound or logged). */
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final Path stateDirectory;
    private final StateDirectoryLock lock;
    private final StateFile stateFile;
    private final ServiceManager manager;
    private final ControlSocketServer server;
    private final ProxyEngine engine;
    private final PacketMode packetMode;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Jlvsd(Path stateDirectory, StateDirectoryLock lock, StateFile stateFile, ServiceManager manager,
                  ControlSocketServer server, ProxyEngine engine, PacketMode packetMode) {
        this.stateDirectory = stateDirectory;
        this.lock = lock;
        this.stateFile = stateFile;
        this.manager = manager;
        this.server = server;
        this.engine = engine;
        this.packetMode = packetMode;
    }

    /** Starts a daemon without a data plane on this host's schedulers and interfaces. */
    public static Jlvsd start(Path socket, Path stateDirectory) throws DaemonStartupException {
        return start(socket, stateDirectory, HostFacts.system());
    }

    /** Starts a daemon without a data plane (the table only). */
    public static Jlvsd start(Path socket, Path stateDirectory, HostFacts host) throws DaemonStartupException {
        return start(socket, stateDirectory, host, DaemonMode.NONE, ProxyOptions.DEFAULT);
    }

    /** Starts a daemon with the data plane of a mode, the proxy engine with its default options. */
    public static Jlvsd start(Path socket, Path stateDirectory, HostFacts host, DaemonMode mode)
            throws DaemonStartupException {
        return start(socket, stateDirectory, host, mode, ProxyOptions.DEFAULT);
    }

    /**
     * Starts a daemon: lock the state directory, restore the table, then listen.
     *
     * @throws DaemonStartupException when another daemon holds the directory or the socket, or the
     *                                state file cannot be restored; nothing is left behind
     */
    public static Jlvsd start(Path socket, Path stateDirectory, HostFacts host, DaemonMode mode,
                              ProxyOptions proxyOptions) throws DaemonStartupException {
        return start(socket, stateDirectory, host, mode, proxyOptions, List.of());
    }

    /**
     * Starts a daemon; in packet mode its engine owns the interfaces named (jlvs daemon --iface).
     *
     * @throws DaemonStartupException as {@link #start(Path, Path, HostFacts, DaemonMode, ProxyOptions)},
     *                                and when packet mode cannot have its interfaces
     */
    public static Jlvsd start(Path socket, Path stateDirectory, HostFacts host, DaemonMode mode,
                              ProxyOptions proxyOptions, List<String> interfaces) throws DaemonStartupException {
        StateDirectoryLock lock = StateDirectoryLock.acquire(stateDirectory);
        ProxyEngine engine = null;
        PacketMode packetMode = null;
        StateFile stateFile = null;
        try {
            stateFile = new StateFile(stateDirectory, host, LOG::warn);
            ServiceTable restored;
            try {
                restored = stateFile.load();
            } catch (StateFileException e) {
                throw new DaemonStartupException(e.getMessage() + "; jlvsd will not start over it (move it away to"
                        + " start with an empty table)", e);
            }
            ServiceManager manager = new ServiceManager(restored, host, stateFile);
            manager.formatListingsWith(new NumericListings());
            if (mode == DaemonMode.PROXY) {
                engine = ProxyEngine.start(proxyOptions);
                attach(manager, engine, stateDirectory);
            } else if (mode == DaemonMode.PACKET) {
                packetMode = PacketMode.start(interfaces, proxyOptions.expireNodestConn(),
                        director -> attach(manager, director.engine(), stateDirectory), manager);
            }
            // Only once everything restored is accepted: a refused directory is left as it is.
            try {
                stateFile.prepare();
            } catch (IOException e) {
                throw new DaemonStartupException("cannot ready the state directory " + stateDirectory + " for saving: "
                        + e.getMessage(), e);
            }
            ControlSocketServer server = ControlSocketServer.start(socket, manager::handle);
            LOG.info("jlvsd listening at {}, state in {} ({} services restored, data plane: {})", socket,
                    stateDirectory, restored.services().size(), mode.name().toLowerCase(Locale.ROOT));
            return new Jlvsd(stateDirectory, lock, stateFile, manager, server, engine, packetMode);
        } catch (DaemonStartupException | RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            if (packetMode != null) {
                packetMode.close();
            }
            closeQuietly(stateFile, e);
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Gives the engine the restored table before the socket serves, so no command comes before it. */
    private static void attach(ServiceManager manager, DataPlane dataPlane, Path stateDirectory)
            throws DaemonStartupException {
        try {
            manager.attach(dataPlane, ServiceManager.DEFAULT_ENGINE_TIMEOUT, RESTORE_TIMEOUT);
        } catch (EngineRejection e) {
            throw new DaemonStartupException("the " + dataPlane.name() + " engine cannot take the restored table in "
                    + stateDirectory + ": " + e.getMessage() + "; jlvsd will not start over it", e);
        } catch (EngineUnavailableException e) {
            throw new DaemonStartupException(e.getMessage(), e);
        }
    }

    private static void closeQuietly(StateFile stateFile, Exception failure) {
        if (stateFile != null) {
            try {
                stateFile.close();
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
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

    /** The proxy engine, when the daemon runs one. */
    public Optional<ProxyEngine> engine() {
        return Optional.ofNullable(engine);
    }

    /**
     * Closes the socket and removes the socket file, drains and closes the proxy engine (see
     * {@link ProxyEngine#close()}), and releases the state directory.
     */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.close();
            if (engine != null) {
                engine.close();
            }
            if (packetMode != null) {
                packetMode.close();
            }
            try {
                stateFile.close();
            } catch (IOException e) {
                LOG.warn("could not close the journal in {}: {}", stateDirectory, e.toString());
            }
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
