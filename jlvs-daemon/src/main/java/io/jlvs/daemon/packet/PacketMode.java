package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceManager;
import io.jlvs.daemon.DaemonStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Everything jlvsd runs in packet mode, started and stopped together: the {@link PacketDirector}
 * (ports, next hops, engine), the {@link KernelGuard} that keeps the director's own kernel out
 * of the traffic the engine handles, and the {@link MarkTable} that hands the engine the packets of
 * firewall-mark services, both kept in step with the table as listeners of the manager.
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
    /** Null when marked packets cannot reach the engine (no nfnetlink_log). */
    private final MarkTable marks;
    private final ServiceManager manager;

    private PacketMode(PacketDirector director, KernelGuard guard, MarkTable marks, ServiceManager manager) {
        this.director = director;
        this.guard = guard;
        this.marks = marks;
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
            MarkTable marks = null;
            try {
                marks = director.marksAvailable() ? MarkTable.start(NftCommand.find(), manager.table()) : null;
            } catch (DaemonStartupException | RuntimeException e) {
                removeQuietly(guard);
                throw e;
            }
            manager.addListener(guard);
            if (marks != null) {
                manager.addListener(marks);
            }
            return new PacketMode(director, guard, marks, manager);
        } catch (DaemonStartupException | RuntimeException e) {
            director.close();
            throw e;
        }
    }

    /** The packet engine. */
    public PacketDirector director() {
        return director;
    }

    /** Removes the guard and the mark table (the kernel answers everything again), then stops the engine. */
    @Override
    public void close() {
        manager.removeListener(guard);
        if (marks != null) {
            manager.removeListener(marks);
            removeQuietly(marks);
        }
        removeQuietly(guard);
        director.close();
    }

    private static void removeQuietly(AutoCloseable table) {
        try {
            table.close();
        } catch (Exception e) {
            LOG.warn("could not remove jlvsd's nftables table: {}", e.getMessage());
        }
    }
}
