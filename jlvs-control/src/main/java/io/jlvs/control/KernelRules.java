package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.core.engine.EngineLimits;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelType;
import io.jlvs.core.sched.NoScheduler;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checks the kernel makes on each command, in the kernel's order and with the kernel's
 * errno, and the change it then makes. The order is that of the generic-netlink path ipvsadm
 * uses (ip_vs_genl_set_cmd, ip_vs_genl_parse_service/dest, then ip_vs_add_service,
 * ip_vs_edit_service, ip_vs_add_dest, ip_vs_edit_dest, ip_vs_del_dest, ip_vs_set_timeout, and
 * ip_vs_genl_new_daemon/start_sync_thread/stop_sync_thread), as of Linux 6.12, and Alibaba LVS's
 * ip_vs_add_laddr and ip_vs_del_laddr for FULLNAT local addresses.
 */
final class KernelRules {
    /** The netlink policy's limit on a scheduler name (IP_VS_SCHEDNAME_MAXLEN - 1). */
    static final int SCHEDULER_NAME_MAX = 15;
    /** The netlink policy's limit on a persistence engine name (IP_VS_PENAME_MAXLEN). */
    static final int PE_NAME_MAX = 16;
    /** The netlink policy's limit on an interface name (IP_VS_IFNAME_MAXLEN - 1). */
    static final int INTERFACE_NAME_MAX = 15;
    /**
     * The largest timeout ip_vs_set_timeout takes, INT_MAX / HZ, for HZ = 250 (Debian's and
     * most distributions' CONFIG_HZ).
     */
    static final int MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE / 250;

    private KernelRules() {
    }

    /** What a command does to a table: a new table, or the errno it is refused with. */
    sealed interface Outcome {
        /** Accepted; the table after the command. */
        record Applied(TableState table) implements Outcome {
        }

        /** Refused with this errno by this libipvs call; nothing changed. */
        record Rejected(LibipvsOperation operation, KernelErrno errno) implements Outcome {
        }

        /**
         * Accepted by the kernel's checks but refused by jlvs, which does not have what the
         * command needs (see {@link EngineLimits}); nothing changed.
         */
        record Unsupported(String message) implements Outcome {
        }
    }

    /** Checks and applies one command that is not a Batch. */
    static Outcome apply(TableState table, Command command, HostFacts host) {
        return switch (command) {
            case Command.AddService c -> addService(table, c.service(), host);
            case Command.EditService c -> editService(table, c.service(), host);
            case Command.DelService c -> table.serviceOrNull(c.key()) == null
                    ? reject(LibipvsOperation.DEL_SERVICE, KernelErrno.ESRCH)
                    : applied(table.withServiceRemoved(c.key()));
            case Command.Flush c -> applied(table.withoutServices());
            // Zeroing changes no configuration; the engines zero their counters when told.
            case Command.AddLocalAddress c -> addLocalAddress(table, c.key(), c.address(), host);
            case Command.DelLocalAddress c -> delLocalAddress(table, c.key(), c.address());
            case Command.Zero c -> c.key() != null && table.serviceOrNull(c.key()) == null
                    ? reject(LibipvsOperation.ZERO_SERVICE, KernelErrno.ESRCH)
                    : applied(table);
            case Command.AddDest c -> addDest(table, c.key(), c.destination(), host);
            case Command.EditDest c -> editDest(table, c.key(), c.destination());
            case Command.DelDest c -> delDest(table, c.key(), c.address(), c.port());
            case Command.SetTimeouts c -> setTimeouts(table, c.timeouts());
            case Command.StartDaemon c -> startDaemon(table, c.daemon(), host);
            case Command.StopDaemon c -> table.daemon(c.state()).isEmpty()
                    ? reject(LibipvsOperation.STOP_DAEMON, KernelErrno.ESRCH)
                    : applied(table.withDaemonStopped(c.state()));
            case Command.Batch c -> throw new IllegalArgumentException("a Batch is applied member by member");
        };
    }

    private static Outcome addService(TableState table, ServiceSpec spec, HostFacts host) {
        LibipvsOperation op = LibipvsOperation.ADD_SERVICE;
        if (!namesFitPolicy(spec) || !proxyProtocolFits(spec)) {
            return reject(op, KernelErrno.EINVAL);
        }
        if (table.serviceOrNull(spec.key()) != null) {
            return reject(op, KernelErrno.EEXIST);
        }
        Outcome refused = refuseSpec(op, spec, host);
        if (refused != null) {
            return refused;
        }
        return applied(table.withServiceAdded(ServiceEntry.of(stored(spec))));
    }

    private static Outcome editService(TableState table, ServiceSpec spec, HostFacts host) {
        LibipvsOperation op = LibipvsOperation.UPDATE_SERVICE;
        if (!namesFitPolicy(spec) || !proxyProtocolFits(spec)) {
            return reject(op, KernelErrno.EINVAL);
        }
        ServiceEntry service = table.serviceOrNull(spec.key());
        if (service == null) {
            return reject(op, KernelErrno.ESRCH);
        }
        Outcome refused = refuseSpec(op, spec, host);
        if (refused != null) {
            return refused;
        }
        return applied(table.withServiceReplaced(service.withSpec(stored(spec))));
    }

    /**
     * What add and edit check once the service's presence is settled: the kernel's scheduler,
     * engine and mask checks, then what jlvs cannot serve yet; null when the spec passes.
     */
    private static Outcome refuseSpec(LibipvsOperation op, ServiceSpec spec, HostFacts host) {
        KernelErrno refused = checkSchedulerAndMask(spec, host);
        if (refused != null) {
            return reject(op, refused);
        }
        Optional<String> unsupported = EngineLimits.refusal(spec);
        return unsupported.isPresent() ? new Outcome.Unsupported(unsupported.get()) : null;
    }

    /** The nla_parse policy of IPVS_SVC_ATTR_SCHED_NAME and IPVS_SVC_ATTR_PE_NAME. */
    private static boolean namesFitPolicy(ServiceSpec spec) {
        return utf8Length(spec.scheduler()) <= SCHEDULER_NAME_MAX
                && utf8Length(spec.persistenceEngine()) <= PE_NAME_MAX;
    }

    /**
     * jlvs's PROXY protocol header describes a TCP connection, so only a TCP address service may
     * carry one (not UDP, SCTP or a firewall mark, which may match any protocol). Refused like a
     * bad attribute, with EINVAL, before the service is looked up.
     */
    private static boolean proxyProtocolFits(ServiceSpec spec) {
        return spec.proxyProtocol() == ProxyProtocol.NONE
                || spec.key() instanceof ServiceKey.Address address && address.protocol() == Protocol.TCP;
    }

    /** ip_vs_add_service and ip_vs_edit_service: scheduler, persistence engine, IPv6 prefix; null if all pass. */
    private static KernelErrno checkSchedulerAndMask(ServiceSpec spec, HostFacts host) {
        if (!spec.scheduler().equals(NoScheduler.NAME) && !host.schedulerExists(spec.scheduler())) {
            return KernelErrno.ENOENT;
        }
        if (!spec.persistenceEngine().isEmpty() && !host.persistenceEngineExists(spec.persistenceEngine())) {
            return KernelErrno.ENOENT;
        }
        if (spec.key().family() == AddressFamily.INET6 && (spec.netmask() < 1 || spec.netmask() > 128)) {
            return KernelErrno.EINVAL;
        }
        return null;
    }

    /** The kernel keeps its own HASHED bit; what a listing shows is the user's flags. */
    private static ServiceSpec stored(ServiceSpec spec) {
        int flags = spec.flags() & ~ServiceFlags.HASHED;
        return flags == spec.flags() ? spec
                : new ServiceSpec(spec.key(), spec.scheduler(), flags, spec.timeout(), spec.netmask(),
                spec.persistenceEngine(), spec.proxyProtocol());
    }

    private static Outcome addDest(TableState table, ServiceKey key, DestinationSpec dest, HostFacts host) {
        LibipvsOperation op = LibipvsOperation.ADD_DEST;
        ServiceEntry service = table.serviceOrNull(key);
        if (service == null) {
            return reject(op, KernelErrno.ESRCH);
        }
        KernelErrno refused = checkDestination(table, key, dest);
        if (refused != null) {
            return reject(op, refused);
        }
        if (service.hasDestination(dest.address(), dest.port())) {
            return reject(op, KernelErrno.EEXIST);
        }
        if (!isUsableRealServerAddress(dest.address(), host)) {
            return reject(op, KernelErrno.EINVAL);
        }
        return applied(table.withServiceReplaced(service.withDestinationAdded(dest)));
    }

    private static Outcome editDest(TableState table, ServiceKey key, DestinationSpec dest) {
        LibipvsOperation op = LibipvsOperation.UPDATE_DEST;
        ServiceEntry service = table.serviceOrNull(key);
        if (service == null) {
            return reject(op, KernelErrno.ESRCH);
        }
        KernelErrno refused = checkDestination(table, key, dest);
        if (refused != null) {
            return reject(op, refused);
        }
        if (!service.hasDestination(dest.address(), dest.port())) {
            return reject(op, KernelErrno.ENOENT);
        }
        return applied(table.withServiceReplaced(service.withDestinationReplaced(dest)));
    }

    private static Outcome delDest(TableState table, ServiceKey key, InetAddress address, int port) {
        LibipvsOperation op = LibipvsOperation.DEL_DEST;
        ServiceEntry service = table.serviceOrNull(key);
        if (service == null) {
            return reject(op, KernelErrno.ESRCH);
        }
        if (!service.hasDestination(address, port)) {
            return reject(op, KernelErrno.ENOENT);
        }
        return applied(table.withServiceReplaced(service.withDestinationRemoved(address, port)));
    }

    /**
     * Alibaba's ip_vs_add_laddr: the service must exist and not have the address yet. jlvs also
     * refuses what no connection could have as its source: an address of the other family than
     * the service's (EAFNOSUPPORT) and one that is not unicast (EINVAL, as for a real server).
     */
    private static Outcome addLocalAddress(TableState table, ServiceKey key, InetAddress address, HostFacts host) {
        LibipvsOperation op = LibipvsOperation.ADD_LADDR;
        ServiceEntry service = table.serviceOrNull(key);
        if (service == null) {
            return reject(op, KernelErrno.ESRCH);
        }
        if (AddressFamily.of(address) != key.family()) {
            return reject(op, KernelErrno.EAFNOSUPPORT);
        }
        if (!isUsableRealServerAddress(address, host)) {
            return reject(op, KernelErrno.EINVAL);
        }
        if (service.localAddresses().contains(address)) {
            return reject(op, KernelErrno.EEXIST);
        }
        return applied(table.withServiceReplaced(service.withLocalAddressAdded(address)));
    }

    /** Alibaba's ip_vs_del_laddr. */
    private static Outcome delLocalAddress(TableState table, ServiceKey key, InetAddress address) {
        LibipvsOperation op = LibipvsOperation.DEL_LADDR;
        ServiceEntry service = table.serviceOrNull(key);
        if (service == null) {
            return reject(op, KernelErrno.ESRCH);
        }
        if (!service.localAddresses().contains(address)) {
            return reject(op, KernelErrno.ENOENT);
        }
        return applied(table.withServiceReplaced(service.withLocalAddressRemoved(address)));
    }

    /** The family check, then the numbers: what -a and -e check before the real server's lookup; null if all pass. */
    private static KernelErrno checkDestination(TableState table, ServiceKey key, DestinationSpec dest) {
        return checkFamily(table, key, dest) ? checkDestinationNumbers(dest) : KernelErrno.EINVAL;
    }

    /**
     * ip_vs_genl_set_cmd: a real server of another family than its service is only possible
     * tunnelled, and not while a sync daemon runs (the sync protocol cannot carry it).
     */
    private static boolean checkFamily(TableState table, ServiceKey key, DestinationSpec dest) {
        return AddressFamily.of(dest.address()) == key.family()
                || table.daemons().isEmpty() && dest.method() == ForwardMethod.TUNNEL;
    }

    /** ip_vs_add_dest and ip_vs_edit_dest, before the lookup. Thresholds are the kernel's u32s; null if all pass. */
    private static KernelErrno checkDestinationNumbers(DestinationSpec dest) {
        if (dest.weight() < 0) {
            return KernelErrno.ERANGE;
        }
        if (Integer.compareUnsigned(dest.lowerThreshold(), dest.upperThreshold()) > 0) {
            return KernelErrno.ERANGE;
        }
        if (dest.upperThreshold() < 0) {
            // u_threshold > INT_MAX as an unsigned value.
            return KernelErrno.EINVAL;
        }
        if (dest.method() == ForwardMethod.TUNNEL && dest.tunnelType() == TunnelType.GUE && dest.tunnelPort() == 0) {
            return KernelErrno.EINVAL;
        }
        return null;
    }

    /**
     * ip_vs_new_dest: an IPv4 real server must be RTN_UNICAST or RTN_LOCAL (not 0.0.0.0/8,
     * 255.255.255.255 or multicast; subnet broadcasts depend on routes jlvs does not read); an
     * IPv6 one must be unicast and, if link-local, local.
     */
    private static boolean isUsableRealServerAddress(InetAddress address, HostFacts host) {
        byte[] b = address.getAddress();
        return switch (address) {
            case Inet4Address v4 -> b[0] != 0 && !v4.isMulticastAddress()
                    && !(b[0] == -1 && b[1] == -1 && b[2] == -1 && b[3] == -1);
            case Inet6Address v6 -> !v6.isMulticastAddress() && !v6.isAnyLocalAddress()
                    && (!v6.isLinkLocalAddress() || host.isLocalAddress(v6));
            default -> false;
        };
    }

    /** ip_vs_genl_set_config merges the current values, then ip_vs_set_timeout checks all three. */
    private static Outcome setTimeouts(TableState table, Timeouts update) {
        Timeouts merged = table.timeouts().merge(update);
        if (merged.tcp() > MAX_TIMEOUT_SECONDS || merged.tcpFin() > MAX_TIMEOUT_SECONDS
                || merged.udp() > MAX_TIMEOUT_SECONDS) {
            return reject(LibipvsOperation.SET_TIMEOUT, KernelErrno.EINVAL);
        }
        return applied(table.withTimeouts(merged));
    }

    /**
     * ip_vs_genl_new_daemon, then start_sync_thread, which fills in the defaults. jlvs has no sync
     * daemon yet: a command that passes every kernel check is refused where the kernel would start
     * the thread, so nothing claims a daemon runs.
     */
    private static Outcome startDaemon(TableState table, SyncDaemonSpec spec, HostFacts host) {
        LibipvsOperation op = LibipvsOperation.START_DAEMON;
        if (utf8Length(spec.interfaceName()) > INTERFACE_NAME_MAX) {
            return reject(op, KernelErrno.EINVAL);
        }
        // An empty group means IP_VS_SYNC_GROUP (224.0.0.81), which is a multicast group.
        if (!spec.group().isEmpty() && !isMulticastLiteral(spec.group())) {
            return reject(op, KernelErrno.EINVAL);
        }
        if (hasMixedFamilyDestinations(table)) {
            return reject(op, KernelErrno.EINVAL);
        }
        OptionalInt deviceMtu = host.interfaceMtu(spec.interfaceName());
        if (deviceMtu.isEmpty()) {
            return reject(op, KernelErrno.ENODEV);
        }
        if (table.daemon(spec.state()).isPresent()) {
            return reject(op, KernelErrno.EEXIST);
        }
        return new Outcome.Unsupported(EngineLimits.NO_SYNC_DAEMON);
    }

    private static boolean isMulticastLiteral(String group) {
        try {
            return InetAddress.ofLiteral(group).isMulticastAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The kernel's ipvs->mixed_address_family_dests > 0. */
    private static boolean hasMixedFamilyDestinations(TableState table) {
        return table.services().stream().anyMatch(s -> s.destinations().stream()
                .anyMatch(d -> AddressFamily.of(d.address()) != s.key().family()));
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Outcome applied(TableState table) {
        return new Outcome.Applied(table);
    }

    private static Outcome reject(LibipvsOperation operation, KernelErrno errno) {
        return new Outcome.Rejected(operation, errno);
    }
}
