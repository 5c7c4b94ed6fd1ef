package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceManager;
import io.jlvs.daemon.DaemonStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Everything jlvsd runs in packet mode, started and stopped together: the {@link PacketDirector}
 * (ports, next hops, engine) and the {@link KernelGuard} that keeps the director's own kernel out
 * of the traffic the engine handles, kept in step with the table as a listener of the manager.
 */
public final class PacketMode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PacketMode.class);

    /** Hands the started engine the restored table (jlvsd's attach). */
    @FunctionalInterface
    public interface Attach {
        void attach(PacketDirector director) throws DaemonStartupException;
    }

    private final PacketDirector director;
    private final KernelGuard guard;
    private final ServiceManager manager;

    private PacketMode(PacketDirector director, KernelGuard guard, ServiceManager manager) {
        this.director = director;
        this.guard = guard;
        this.manager = manager;
    }

    /**
     * Starts the engine on the interfaces, attaches the table, then installs the guard for it.
     *
     * @throws DaemonStartupException naming what packet mode lacks; nothing is left running
     */
    public static PacketMode start(List<String> interfaces, boolean expireNodestConn, Attach attach,
                                   ServiceManager manager) throws DaemonStartupException {
        PacketDirector director = PacketDirector.start(interfaces, expireNodestConn);
        try {
            attach.attach(director);
            KernelGuard guard = KernelGuard.start(interfaces, manager.table());
            manager.addListener(guard);
            return new PacketMode(director, guard, manager);
        } catch (DaemonStartupException | RuntimeException e) {
            director.close();
            throw e;
        }
    }

    /** The packet engine. */
    public PacketDirector director() {
        return director;
    }

    /** Removes the guard (the kernel answers everything again), then stops the engine. */
    @Override
    public void close() {
        manager.removeListener(guard);
        try {
            guard.close();
        } catch (IOException e) {
            LOG.warn("could not remove jlvsd's nftables table: {}", e.getMessage());
        }
        director.close();
    }
}
