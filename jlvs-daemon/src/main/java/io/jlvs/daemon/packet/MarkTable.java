package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.ServiceTableListener;
import io.jlvs.control.api.Command;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.daemon.DaemonStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How packets reach jlvsd's firewall-mark services in packet mode: the AF_PACKET port sees a frame
 * before netfilter, so a mark the user's rules set (iptables -t mangle PREROUTING -j MARK, nft
 * {@code meta mark set}) is not on it. This nftables table of jlvsd's own ({@code inet jlvsmarks},
 * see {@link MarkScript}) logs each packet whose mark is a service's to nfnetlink_log group
 * {@link #LOG_GROUP}, which the worker reads with the mark, and drops the kernel's copy.
 *
 * <p>Kept in step with the service table as a listener: after each request whose marks differ
 * from the table's, the table is replaced in one transaction (marks are few). Installed at start
 * in place of a leftover, removed by {@link #close()}. One packet-mode jlvsd per network namespace.
 */
public final class MarkTable implements ServiceTableListener, AutoCloseable {
    /** The table's name (family inet). */
    public static final String TABLE = "jlvsmarks";
    /** The nfnetlink_log group the table logs to and jlvsd reads ("jl"). */
    public static final int LOG_GROUP = 0x6a6c;
    /** The bytes of a packet the kernel hands up: all of it. */
    static final int SNAPLEN = 65535;

    private static final Logger LOG = LoggerFactory.getLogger(MarkTable.class);

    private final Nft nft;
    private SortedSet<Integer> marks4 = new TreeSet<>();
    private SortedSet<Integer> marks6 = new TreeSet<>();
    private ServiceTable latest;
    private boolean inStep;
    private boolean closed;

    private MarkTable(Nft nft) {
        this.nft = nft;
    }

    /**
     * Installs the table for the service table's marks, replacing a leftover. Register it with the
     * ServiceManager before the control socket serves, so that it hears every change.
     *
     * @throws DaemonStartupException nft refused the table
     */
    public static MarkTable start(Nft nft, ServiceTable table) throws DaemonStartupException {
        MarkTable marks = new MarkTable(Objects.requireNonNull(nft, "nft"));
        marks.take(table);
        try {
            nft.apply(marks.script());
        } catch (IOException e) {
            throw new DaemonStartupException("cannot install jlvsd's nftables table " + MarkScript.FAMILY + " "
                    + TABLE + " (firewall-mark services): " + e.getMessage(), e);
        }
        marks.inStep = true;
        return marks;
    }

    @Override
    public synchronized void tableChanged(Command applied, ServiceTable table) {
        latest = table;
    }

    /** Replaces the table when the request changed the marks (or the last replacement failed). */
    @Override
    public synchronized void requestApplied() {
        if (latest == null || closed) {
            return;
        }
        boolean changed = take(latest);
        latest = null;
        if (changed || !inStep) {
            try {
                nft.apply(script());
                inStep = true;
            } catch (IOException e) {
                inStep = false; // the next request tries again
                LOG.error("jlvsd's nftables table {} {} cannot be installed, so packets marked for the firewall-mark"
                        + " services {} (IPv4) {} (IPv6) do not reach jlvsd: {}", MarkScript.FAMILY, TABLE, marks4,
                        marks6, e.getMessage());
            }
        }
    }

    /** The marks of the services (IPv4, IPv6). */
    synchronized SortedSet<Integer> marks(AddressFamily family) {
        return family == AddressFamily.INET ? marks4 : marks6;
    }

    /** Takes the table's marks; whether they changed. */
    private boolean take(ServiceTable table) {
        SortedSet<Integer> four = new TreeSet<>();
        SortedSet<Integer> six = new TreeSet<>();
        for (ServiceEntry service : table.services()) {
            if (service.key() instanceof ServiceKey.Mark mark) {
                (mark.family() == AddressFamily.INET ? four : six).add(mark.mark());
            }
        }
        boolean changed = !four.equals(marks4) || !six.equals(marks6);
        marks4 = four;
        marks6 = six;
        return changed;
    }

    private String script() {
        return MarkScript.install(TABLE, LOG_GROUP, SNAPLEN, marks4, marks6, "jlvsd (pid "
                + ProcessHandle.current().pid() + ") takes here the packets of its firewall-mark services;"
                + " removed when it stops");
    }

    /** Removes the table: marked packets are the kernel's again. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        nft.apply(MarkScript.remove(TABLE));
    }
}
