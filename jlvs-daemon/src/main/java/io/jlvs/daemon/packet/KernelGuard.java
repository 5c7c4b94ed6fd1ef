package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.ServiceTableListener;
import io.jlvs.control.api.Command;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.daemon.DaemonStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the director's own kernel out of the traffic jlvsd handles in packet mode: an nftables
 * table of jlvsd's own ({@code netdev jlvs}) whose ingress chains on jlvsd's interfaces drop,
 * after jlvsd's AF_PACKET socket has its copy, TCP/UDP/SCTP to a VIP:port of a service (so no
 * RST or port-unreachable from a VIP port without a listener), NAT real servers' replies and ICMP
 * errors on their way to a client (so ip_forward does not pass them on untranslated) and FULLNAT
 * real servers' replies to a local address. ARP, ping and everything else stay the kernel's. One
 * packet-mode jlvsd per network namespace: a second would replace the first's table.
 *
 * <p>Kept in step with the service table as a listener: each request's changes are applied as
 * one nft transaction of set elements deleted and added. Installed at start in place of a
 * leftover table (a jlvsd killed with -9), removed by {@link #close()}. Network namespaces
 * isolate nftables, so jlvsds in two namespaces each have their own table of this name.
 */
public final class KernelGuard implements ServiceTableListener, AutoCloseable {
    /** The table's name (family netdev). */
    public static final String TABLE = "jlvs";

    private static final Logger LOG = LoggerFactory.getLogger(KernelGuard.class);

    private final Nft nft;
    private final List<String> interfaces;
    private final GuardElements elements;
    /** The services changed by the request being reported, and the table after it. */
    private final Set<ServiceKey> changed = new LinkedHashSet<>();
    private boolean flushed;
    private ServiceTable latest;
    private boolean inStep = true;
    private boolean closed;

    private KernelGuard(Nft nft, List<String> interfaces, Function<ServiceEntry, List<InetAddress>> localAddresses) {
        this.nft = nft;
        this.interfaces = interfaces;
        this.elements = new GuardElements(localAddresses);
    }

    /**
     * Installs the guard on these interfaces of this host (this network namespace) for a table,
     * replacing a leftover table. Register it with the ServiceManager before the control socket
     * serves, so that it hears every change after this table.
     *
     * @throws DaemonStartupException nft is missing, an interface does not exist, or nft refused the table
     */
    public static KernelGuard start(List<String> interfaces, ServiceTable table) throws DaemonStartupException {
        for (String name : interfaces) {
            requireInterface(name);
        }
        return start(NftCommand.find(), interfaces, table, ServiceEntry::localAddresses);
    }

    /**
     * Installs the guard through an {@link Nft} (another namespace's, in tests).
     *
     * @param localAddresses a FULLNAT service's local addresses (jlvsd: {@code ServiceEntry::localAddresses})
     */
    public static KernelGuard start(Nft nft, List<String> interfaces, ServiceTable table,
                                    Function<ServiceEntry, List<InetAddress>> localAddresses)
            throws DaemonStartupException {
        Objects.requireNonNull(nft, "nft");
        if (interfaces.isEmpty()) {
            throw new DaemonStartupException("the kernel guard needs at least one interface");
        }
        for (String name : interfaces) {
            checkName(name);
            if (interfaces.indexOf(name) != interfaces.lastIndexOf(name)) {
                throw new DaemonStartupException("interface " + name + " is named twice");
            }
        }
        KernelGuard guard = new KernelGuard(nft, List.copyOf(interfaces), Objects.requireNonNull(localAddresses));
        guard.elements.updateAll(table);
        try {
            nft.apply(GuardScript.install(TABLE, guard.interfaces, guard.elements.all(), guard.comment()));
        } catch (IOException e) {
            throw new DaemonStartupException("cannot install jlvsd's nftables table " + GuardScript.FAMILY + " "
                    + TABLE + " on " + String.join(", ", interfaces) + ": " + e.getMessage(), e);
        }
        guard.elements.takeChange();
        return guard;
    }

    /** The interfaces whose ingress the guard hooks. */
    public List<String> interfaces() {
        return interfaces;
    }

    @Override
    public synchronized void tableChanged(Command applied, ServiceTable table) {
        latest = table;
        switch (applied) {
            case Command.AddService c -> changed.add(c.service().key());
            case Command.EditService c -> changed.add(c.service().key());
            case Command.DelService c -> changed.add(c.key());
            case Command.AddDest c -> changed.add(c.key());
            case Command.EditDest c -> changed.add(c.key());
            case Command.DelDest c -> changed.add(c.key());
            case Command.AddLocalAddress c -> changed.add(c.key());
            case Command.DelLocalAddress c -> changed.add(c.key());
            case Command.Flush _ -> flushed = true;
            case Command.Batch _ -> flushed = true; // never reported whole; if it were, look at everything
            case Command.Zero _, Command.SetTimeouts _, Command.StartDaemon _, Command.StopDaemon _ -> {
                // no service changes
            }
        }
    }

    /** Applies the request's changes as one transaction (a whole -R is one nft run, not one per service). */
    @Override
    public synchronized void requestApplied() {
        if (latest == null || closed) {
            return;
        }
        if (flushed) {
            elements.updateAll(latest);
        } else {
            for (ServiceKey key : changed) {
                elements.update(key, latest);
            }
        }
        changed.clear();
        flushed = false;
        latest = null;
        if (inStep) {
            applyChange();
        }
        if (!inStep) {
            reinstall();
        }
        elements.takeChange();
    }

    /** The elements added and deleted, as one transaction; out of step when the table does not take it. */
    private void applyChange() {
        if (!elements.changed()) {
            return;
        }
        try {
            nft.apply(GuardScript.change(TABLE, elements.pendingDeletions(), elements.pendingAdditions()));
        } catch (IOException e) {
            // the table is not as the guard left it (a `flush ruleset`, someone's delete): rebuild it
            inStep = false;
            LOG.warn("jlvsd's nftables table {} {} did not take a change ({}); installing it again",
                    GuardScript.FAMILY, TABLE, e.getMessage());
        }
    }

    /** The whole table again, in place of whatever is there. */
    private void reinstall() {
        try {
            nft.apply(GuardScript.install(TABLE, interfaces, elements.all(), comment()));
            inStep = true;
            LOG.info("jlvsd's nftables table {} {} is in step with the service table again", GuardScript.FAMILY, TABLE);
        } catch (IOException e) {
            // the change is in effect in jlvsd; the next request tries again
            LOG.error("jlvsd's nftables table {} {} cannot be installed, so the director's own kernel may answer"
                    + " or forward packets jlvsd handles until a later change installs it: {}",
                    GuardScript.FAMILY, TABLE, e.getMessage());
        }
    }

    /** Removes the table: the kernel answers everything again. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        nft.apply(GuardScript.remove(TABLE));
    }

    private String comment() {
        return "jlvsd (pid " + ProcessHandle.current().pid() + ") drops here what it handles itself;"
                + " removed when it stops";
    }

    /** An interface name as the kernel allows one (IFNAMSIZ), and as an nft string can hold. */
    private static void checkName(String name) throws DaemonStartupException {
        if (name.isEmpty() || name.length() > 15 || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != '"'
                && c != '/' && c != ':')) {
            throw new DaemonStartupException("\"" + name + "\" is not an interface name (at most 15 printable"
                    + " characters, no spaces, quotes, '/' or ':')");
        }
    }

    private static void requireInterface(String name) throws DaemonStartupException {
        checkName(name);
        try {
            if (NetworkInterface.getByName(name) == null) {
                throw new DaemonStartupException("there is no interface " + name + " in this network namespace");
            }
        } catch (SocketException e) {
            throw new DaemonStartupException("cannot look up interface " + name + ": " + e.getMessage(), e);
        }
    }
}
