package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
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
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ipvsadm's parse_options and process_options: one command line (without the program name) to an
 * {@link Invocation}, or a {@link ProgramExit} with ipvsadm's exact message and status.
 */
final class CommandLineParser {

    /** ipvsadm's MAX_TIMEOUT: 31 days. */
    static final int MAX_TIMEOUT = 86400 * 31;
    /** libipvs's IPVS_SVC_PERSISTENT_TIMEOUT, what -p without a value gives (the man page says 300). */
    static final int DEFAULT_PERSISTENCE_TIMEOUT = 6 * 60;
    static final String DEFAULT_SCHEDULER = "wlc";
    static final String DEFAULT_MCAST_INTERFACE = "eth0";
    private static final int SCHEDNAME_MAXLEN = 16;
    private static final int PENAME_MAXLEN = 16;
    private static final int IFNAME_MAXLEN = 16;
    private static final int SCHED_FLAGS_BUFFER = 128;

    private final String program;
    private final NameResolver resolver;

    CommandLineParser(String program, NameResolver resolver) {
        this.program = program;
        this.resolver = resolver;
    }

    /** Parses one command line; readingStdin is true for lines of -R, where -R itself is refused. */
    Invocation parse(List<String> words, boolean readingStdin) throws ProgramExit {
        CommandEntry entry = new CommandEntry();
        EnumSet<OptionColumn> options = EnumSet.noneOf(OptionColumn.class);
        Format format = new Format();
        PoptScanner scanner = new PoptScanner(words);

        if (!(scanner.next() instanceof PoptScanner.Found first)) {
            throw ProgramExit.tryHelp(program);
        }
        applyCommand(first, entry);

        String schedFlags = "";
        PoptScanner.Event event;
        while ((event = scanner.next()) instanceof PoptScanner.Found found) {
            String flags = applyOption(found, scanner, entry, options, format);
            if (flags != null) {
                schedFlags = flags;
            }
        }
        if (event instanceof PoptScanner.Error error) {
            return new Invocation.Rejected(scanner.lastWord() + ": " + error.message());
        }

        if (entry.command == CommandKind.TIMEOUT) {
            String tcp = scanner.nextLeftover();
            String tcpFin = tcp == null ? null : scanner.nextLeftover();
            String udp = tcpFin == null ? null : scanner.nextLeftover();
            if (udp == null) {
                throw ProgramExit.usage("--set option requires 3 timeout values");
            }
            entry.tcpTimeout = parseTimeout(tcp, 0, MAX_TIMEOUT);
            entry.tcpFinTimeout = parseTimeout(tcpFin, 0, MAX_TIMEOUT);
            entry.udpTimeout = parseTimeout(udp, 0, MAX_TIMEOUT);
        }
        String unexpected = scanner.nextLeftover();
        if (unexpected != null) {
            throw ProgramExit.usage("unexpected argument " + unexpected);
        }
        if (!schedFlags.isEmpty()) {
            entry.serviceFlags &= ~ServiceFlags.SCHED_MASK;
            entry.serviceFlags |= parseSchedFlags(entry.scheduler, schedFlags);
        }

        OptionRules.checkCommand(entry.command, options);
        return finish(entry, options, format, readingStdin);
    }

    private void applyCommand(PoptScanner.Found first, CommandEntry entry) throws ProgramExit {
        entry.command = switch (first.option()) {
            case ADD_SERVICE -> CommandKind.ADD;
            case EDIT_SERVICE -> CommandKind.EDIT;
            case DELETE_SERVICE -> CommandKind.DELETE;
            case ADD_SERVER -> CommandKind.ADD_SERVER;
            case EDIT_SERVER -> CommandKind.EDIT_SERVER;
            case DELETE_SERVER -> CommandKind.DELETE_SERVER;
            case CLEAR -> CommandKind.FLUSH;
            case LIST, LIST_LOWER -> CommandKind.LIST;
            case ZERO -> CommandKind.ZERO;
            case SET -> CommandKind.TIMEOUT;
            case RESTORE -> CommandKind.RESTORE;
            case SAVE -> CommandKind.SAVE;
            case ADD_LADDR -> CommandKind.ADD_LADDR;
            case DEL_LADDR -> CommandKind.DEL_LADDR;
            case GET_LADDR -> CommandKind.GET_LADDR;
            case START_DAEMON -> {
                entry.daemonState = daemonState(first.argument(), "illegal start-daemon parameter specified");
                yield CommandKind.START_DAEMON;
            }
            case STOP_DAEMON -> {
                // sic: ipvsadm's message for --stop-daemon says start_daemon
                entry.daemonState = daemonState(first.argument(), "illegal start_daemon specified");
                yield CommandKind.STOP_DAEMON;
            }
            case HELP -> throw ProgramExit.print(HelpText.usage(program));
            case VERSION -> throw ProgramExit.print(HelpText.version());
            default -> throw ProgramExit.tryHelp(program);
        };
    }

    private static SyncDaemonSpec.State daemonState(String argument, String error) throws ProgramExit {
        return switch (argument) {
            case "master" -> SyncDaemonSpec.State.MASTER;
            case "backup" -> SyncDaemonSpec.State.BACKUP;
            default -> throw ProgramExit.usage(error);
        };
    }

    /** Applies one option after the command; returns the -b argument when it is one. */
    private String applyOption(PoptScanner.Found found, PoptScanner scanner, CommandEntry entry,
                               EnumSet<OptionColumn> options, Format format) throws ProgramExit {
        String arg = found.argument();
        switch (found.option()) {
            case TCP_SERVICE, UDP_SERVICE, SCTP_SERVICE -> {
                set(options, OptionColumn.SERVICE);
                entry.protocol = switch (found.option()) {
                    case TCP_SERVICE -> Protocol.TCP;
                    case UDP_SERVICE -> Protocol.UDP;
                    default -> Protocol.SCTP;
                };
                ParsedAddress parsed = parseService(arg, entry.protocol)
                        .orElseThrow(() -> ProgramExit.usage("illegal virtual server address[:port] specified"));
                entry.serviceFamily = parsed.family();
                entry.serviceAddress = parsed.address();
                if (parsed.family() == AddressFamily.INET6) {
                    entry.netmask = 128;
                }
                if (parsed.port() >= 0) {
                    entry.servicePort = parsed.port();
                }
            }
            case FWMARK_SERVICE -> {
                set(options, OptionColumn.SERVICE);
                entry.serviceFamily = AddressFamily.INET;
                entry.protocol = Protocol.TCP;
                entry.fwmark = parseFwmark(arg);
            }
            case SCHEDULER -> {
                set(options, OptionColumn.SCHEDULER);
                entry.scheduler = truncate(arg, SCHEDNAME_MAXLEN - 1);
            }
            case PERSISTENT -> {
                set(options, OptionColumn.PERSISTENT);
                entry.serviceFlags |= ServiceFlags.PERSISTENT;
                entry.persistenceTimeout = arg == null ? DEFAULT_PERSISTENCE_TIMEOUT : parseTimeout(arg, 1, MAX_TIMEOUT);
            }
            case NETMASK -> {
                set(options, OptionColumn.NETMASK);
                if (entry.serviceFamily != AddressFamily.INET6) {
                    entry.netmask = parseNetmask(arg)
                            .orElseThrow(() -> ProgramExit.usage("illegal virtual server persistent mask specified"));
                } else {
                    entry.netmask = CNumbers.atoi(arg);
                    if (entry.netmask < 1 || entry.netmask > 128) {
                        throw ProgramExit.usage("illegal ipv6 netmask specified");
                    }
                }
            }
            case REAL_SERVER -> {
                set(options, OptionColumn.SERVER);
                Optional<ParsedAddress> parsed = parseService(arg, entry.protocol);
                // ipvsadm parses into a copy of the service, so an address without a port keeps
                // the service's family, address and port until the result is checked
                if (parsed.isEmpty()) {
                    throw ProgramExit.usage("illegal real server address[:port] specified");
                }
                entry.destinationFamily = parsed.get().family();
                entry.destinationAddress = parsed.get().address();
                entry.destinationPort = parsed.get().port() >= 0 ? parsed.get().port() : entry.servicePort;
            }
            case IPIP -> forward(options, entry, ForwardMethod.TUNNEL);
            case GATEWAYING -> forward(options, entry, ForwardMethod.DROUTE);
            case MASQUERADING -> forward(options, entry, ForwardMethod.MASQ);
            case FULLNAT -> forward(options, entry, ForwardMethod.FULLNAT);
            case PROXY_PROTOCOL -> {
                set(options, OptionColumn.PROXY_PROTOCOL);
                entry.proxyProtocol = parseProxyProtocol(arg);
            }
            case LADDR -> {
                set(options, OptionColumn.LOCAL_ADDRESS);
                // Alibaba's ipvsadm parses -z as a service address and keeps the address alone
                entry.localAddress = parseService(arg, entry.protocol).map(ParsedAddress::address)
                        .orElseThrow(() -> ProgramExit.usage("illegal local address"));
            }
            case WEIGHT -> {
                set(options, OptionColumn.WEIGHT);
                entry.weight = CNumbers.stringToNumber(arg, 0, DestinationSpec.MAX_WEIGHT);
                if (entry.weight == -1) {
                    throw ProgramExit.usage("illegal weight specified");
                }
            }
            case U_THRESHOLD -> {
                set(options, OptionColumn.U_THRESHOLD);
                entry.upperThreshold = CNumbers.stringToNumber(arg, 0, Integer.MAX_VALUE);
                if (entry.upperThreshold == -1) {
                    throw ProgramExit.usage("illegal u_threshold specified");
                }
            }
            case L_THRESHOLD -> {
                set(options, OptionColumn.L_THRESHOLD);
                entry.lowerThreshold = CNumbers.stringToNumber(arg, 0, Integer.MAX_VALUE);
                if (entry.lowerThreshold == -1) {
                    throw ProgramExit.usage("illegal l_threshold specified");
                }
            }
            case CONNECTION -> set(options, OptionColumn.CONNECTION);
            case NUMERIC -> {
                set(options, OptionColumn.NUMERIC);
                format.numeric = true;
            }
            case MCAST_INTERFACE -> {
                set(options, OptionColumn.MCAST);
                entry.multicastInterface = truncate(arg, IFNAME_MAXLEN - 1);
            }
            case SYNCID -> {
                set(options, OptionColumn.SYNCID);
                entry.syncId = CNumbers.stringToNumber(arg, 0, 255);
                if (entry.syncId == -1) {
                    throw ProgramExit.usage("illegal syncid specified");
                }
            }
            case TIMEOUT -> set(options, OptionColumn.TIMEOUT);
            case DAEMON -> set(options, OptionColumn.DAEMON);
            case STATS -> {
                set(options, OptionColumn.STATS);
                format.stats = true;
            }
            case RATE -> {
                set(options, OptionColumn.RATE);
                format.rate = true;
            }
            case THRESHOLDS -> {
                set(options, OptionColumn.THRESHOLDS);
                format.thresholds = true;
            }
            case PERSISTENT_CONN -> {
                set(options, OptionColumn.PERSISTENT_CONN);
                format.persistentConn = true;
            }
            case NOSORT -> {
                set(options, OptionColumn.NOSORT);
                format.noSort = true;
            }
            case SORT -> {
                // sorting is the default; --sort is accepted for compatibility and does nothing
            }
            case EXACT -> {
                set(options, OptionColumn.EXACT);
                format.exact = true;
            }
            case IPV6 -> {
                if (entry.fwmark == 0) {
                    throw ProgramExit.usage("-6 used before -f\n");
                }
                entry.serviceFamily = AddressFamily.INET6;
                entry.netmask = 128;
            }
            case OPS -> {
                set(options, OptionColumn.ONEPACKET);
                entry.serviceFlags |= ServiceFlags.ONEPACKET;
            }
            case PE -> {
                set(options, OptionColumn.PERSISTENCE_ENGINE);
                entry.persistenceEngine = truncate(arg, PENAME_MAXLEN);
            }
            case SCHED_FLAGS -> {
                set(options, OptionColumn.SCHED_FLAGS);
                return truncate(arg, SCHED_FLAGS_BUFFER - 1);
            }
            case MCAST_GROUP -> {
                set(options, OptionColumn.MCAST_GROUP);
                entry.multicastGroup = parseMulticastGroup(arg);
            }
            case MCAST_PORT -> {
                set(options, OptionColumn.MCAST_PORT);
                entry.multicastPort = CNumbers.stringToNumber(arg, 1, 65535);
                if (entry.multicastPort == -1) {
                    throw ProgramExit.usage("illegal mcast-port specified");
                }
            }
            case MCAST_TTL -> {
                set(options, OptionColumn.MCAST_TTL);
                entry.multicastTtl = CNumbers.stringToNumber(arg, 1, 255);
                if (entry.multicastTtl == -1) {
                    throw ProgramExit.usage("illegal mcast-ttl specified");
                }
            }
            case SYNC_MAXLEN -> {
                set(options, OptionColumn.SYNC_MAXLEN);
                entry.syncMaxLength = CNumbers.stringToNumber(arg, 1, 65535 - 20 - 8);
                if (entry.syncMaxLength == -1) {
                    throw ProgramExit.usage("illegal sync-maxlen specified");
                }
            }
            case TUN_INFO -> {
                set(options, OptionColumn.TUN_INFO);
                format.tunInfo = true;
            }
            case TUN_TYPE -> {
                set(options, OptionColumn.TUN_TYPE);
                entry.tunnelType = switch (arg) {
                    case "ipip" -> 0;
                    case "gue" -> 1;
                    case "gre" -> 2;
                    default -> throw ProgramExit.usage("illegal tunnel type specified");
                };
            }
            case TUN_PORT -> {
                set(options, OptionColumn.TUN_PORT);
                entry.tunnelPort = CNumbers.stringToNumber(arg, 1, 65535);
                if (entry.tunnelPort == -1) {
                    throw ProgramExit.usage("illegal tunnel port specified");
                }
            }
            case TUN_NOCSUM -> set(options, OptionColumn.TUN_NOCSUM);
            case TUN_CSUM -> {
                set(options, OptionColumn.TUN_CSUM);
                entry.tunnelFlags |= TunnelFlags.CSUM;
            }
            case TUN_REMCSUM -> {
                set(options, OptionColumn.TUN_REMCSUM);
                entry.tunnelFlags |= TunnelFlags.REMCSUM;
            }
            default -> throw ProgramExit.usage("invalid option `" + scanner.lastWord() + "'");
        }
        return null;
    }

    private static void forward(EnumSet<OptionColumn> options, CommandEntry entry, ForwardMethod method)
            throws ProgramExit {
        set(options, OptionColumn.FORWARD);
        entry.method = method;
    }

    private static void set(EnumSet<OptionColumn> options, OptionColumn column) throws ProgramExit {
        if (!options.add(column)) {
            throw ProgramExit.usage("multiple '" + column.text() + "' options specified");
        }
    }

    /** process_options after parsing: the cross-option rules, defaults, then what to run. */
    private Invocation finish(CommandEntry entry, EnumSet<OptionColumn> options, Format format, boolean readingStdin)
            throws ProgramExit {
        CommandKind command = entry.command;
        if (command == CommandKind.ADD || command == CommandKind.EDIT) {
            if (entry.fwmark == 0 && entry.servicePort == 0 && (entry.serviceFlags & ServiceFlags.PERSISTENT) == 0) {
                throw ProgramExit.usage("Zero port specified for non-persistent service");
            }
            if ((entry.serviceFlags & ServiceFlags.ONEPACKET) != 0 && entry.fwmark == 0
                    && entry.protocol != Protocol.UDP) {
                throw ProgramExit.usage("One-Packet Scheduling is only for UDP virtual services");
            }
            if (entry.proxyProtocol != ProxyProtocol.NONE && (entry.fwmark != 0 || entry.protocol != Protocol.TCP)) {
                throw ProgramExit.usage("PROXY protocol is only for TCP virtual services");
            }
            if (entry.scheduler.isEmpty()) {
                entry.scheduler = DEFAULT_SCHEDULER;
            }
        }
        if (command == CommandKind.START_DAEMON && entry.multicastInterface.isEmpty()) {
            entry.multicastInterface = DEFAULT_MCAST_INTERFACE;
        }
        if (command == CommandKind.ADD_SERVER || command == CommandKind.EDIT_SERVER) {
            // DR and TUN cannot change the port: the real server gets the service's
            if (entry.fwmark == 0 && (entry.method == ForwardMethod.TUNNEL || entry.method == ForwardMethod.DROUTE)) {
                entry.destinationPort = entry.servicePort;
            }
            if (entry.destinationFamily != entry.serviceFamily && entry.method != ForwardMethod.TUNNEL) {
                throw ProgramExit.usage("Different address family is allowed only for tunneling servers");
            }
            boolean tunnelOptions = options.contains(OptionColumn.TUN_TYPE) || options.contains(OptionColumn.TUN_PORT)
                    || options.contains(OptionColumn.TUN_NOCSUM) || options.contains(OptionColumn.TUN_CSUM)
                    || options.contains(OptionColumn.TUN_REMCSUM);
            if (tunnelOptions && entry.method != ForwardMethod.TUNNEL) {
                throw ProgramExit.usage("Tunnel options conflict with forward method");
            }
            OptionRules.checkTunnel(entry.tunnelType, options);
        }

        ListFormat listFormat = format.toListFormat();
        return switch (command) {
            case LIST -> {
                boolean oneOfConnTimeoutDaemon = options.contains(OptionColumn.CONNECTION)
                        || options.contains(OptionColumn.TIMEOUT) || options.contains(OptionColumn.DAEMON);
                boolean anyCounters = options.contains(OptionColumn.STATS) || options.contains(OptionColumn.RATE)
                        || options.contains(OptionColumn.THRESHOLDS);
                boolean timeoutOrDaemon = options.contains(OptionColumn.TIMEOUT) || options.contains(OptionColumn.DAEMON);
                if ((oneOfConnTimeoutDaemon && anyCounters)
                        || (timeoutOrDaemon && options.contains(OptionColumn.PERSISTENT_CONN))) {
                    throw ProgramExit.usage("options conflicts in the list command");
                }
                if (options.contains(OptionColumn.CONNECTION)) {
                    yield new Invocation.ListConnections(listFormat);
                } else if (options.contains(OptionColumn.SERVICE)) {
                    yield new Invocation.ListService(serviceKey(entry), listFormat);
                } else if (options.contains(OptionColumn.TIMEOUT)) {
                    yield new Invocation.ListTimeouts();
                } else if (options.contains(OptionColumn.DAEMON)) {
                    yield new Invocation.ListDaemons();
                }
                yield new Invocation.ListAll(listFormat);
            }
            case RESTORE -> {
                if (readingStdin) {
                    throw ProgramExit.tryHelp(program);
                }
                yield new Invocation.Restore();
            }
            case SAVE -> new Invocation.Save(listFormat.withRule());
            case FLUSH -> new Invocation.Apply(new Command.Flush());
            case ADD -> new Invocation.Apply(new Command.AddService(serviceSpec(entry)));
            case EDIT -> new Invocation.Apply(new Command.EditService(serviceSpec(entry)));
            case DELETE -> new Invocation.Apply(new Command.DelService(serviceKey(entry)));
            case ZERO -> new Invocation.Apply(new Command.Zero(zeroKey(entry)));
            case ADD_SERVER -> new Invocation.Apply(new Command.AddDest(serviceKey(entry), destinationSpec(entry)));
            case EDIT_SERVER -> new Invocation.Apply(new Command.EditDest(serviceKey(entry), destinationSpec(entry)));
            case DELETE_SERVER -> new Invocation.Apply(
                    new Command.DelDest(serviceKey(entry), entry.destinationAddress, entry.destinationPort));
            case TIMEOUT -> new Invocation.Apply(new Command.SetTimeouts(
                    new Timeouts(entry.tcpTimeout, entry.tcpFinTimeout, entry.udpTimeout)));
            case START_DAEMON -> new Invocation.Apply(new Command.StartDaemon(new SyncDaemonSpec(entry.daemonState,
                    entry.multicastInterface, entry.syncId, entry.syncMaxLength, entry.multicastGroup,
                    entry.multicastPort, entry.multicastTtl)));
            case STOP_DAEMON -> new Invocation.Apply(new Command.StopDaemon(entry.daemonState));
            case ADD_LADDR -> new Invocation.Apply(new Command.AddLocalAddress(serviceKey(entry), entry.localAddress));
            case DEL_LADDR -> new Invocation.Apply(new Command.DelLocalAddress(serviceKey(entry), entry.localAddress));
            case GET_LADDR -> new Invocation.ListLocalAddresses(
                    options.contains(OptionColumn.SERVICE) ? serviceKey(entry) : null);
        };
    }

    private static ServiceKey serviceKey(CommandEntry entry) {
        if (entry.fwmark != 0) {
            return new ServiceKey.Mark(entry.serviceFamily, entry.fwmark);
        }
        return new ServiceKey.Address(entry.protocol, entry.serviceAddress, entry.servicePort);
    }

    /** -Z with no service, or with the any address and port 0, zeroes every service (as libipvs sends it). */
    private static ServiceKey zeroKey(CommandEntry entry) {
        if (entry.fwmark == 0 && entry.servicePort == 0
                && (entry.serviceAddress == null || entry.serviceAddress.isAnyLocalAddress())) {
            return null;
        }
        return serviceKey(entry);
    }

    private static ServiceSpec serviceSpec(CommandEntry entry) {
        return new ServiceSpec(serviceKey(entry), entry.scheduler, entry.serviceFlags, entry.persistenceTimeout,
                entry.netmask, entry.persistenceEngine, entry.proxyProtocol);
    }

    private static DestinationSpec destinationSpec(CommandEntry entry) {
        TunnelType type = TunnelType.values()[entry.tunnelType];
        return new DestinationSpec(entry.destinationAddress, entry.destinationPort, entry.method, entry.weight,
                entry.upperThreshold, entry.lowerThreshold, type, entry.tunnelPort, entry.tunnelFlags);
    }

    /** An address and, when one was given, a port (else -1). */
    record ParsedAddress(AddressFamily family, InetAddress address, int port) {
    }

    /**
     * parse_service: "[v6]:port", a bare IPv6 address (no port), or host[:port] with an IPv4 host
     * (inet_aton, then the resolver) and a numeric or /etc/services port. Empty when ipvsadm's
     * result has no address.
     */
    Optional<ParsedAddress> parseService(String text, Protocol protocol) {
        if (text == null || CNumbers.isAllDigits(text)) {
            return Optional.empty();
        }
        String host = text;
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || close + 1 >= host.length() || host.charAt(close + 1) != ':') {
                return Optional.empty();
            }
            port = host.substring(close + 2);
            host = host.substring(1, close);
        }
        Optional<Inet6Address> v6 = InetText.parseIpv6(host);
        AddressFamily family;
        InetAddress address;
        if (v6.isPresent()) {
            family = AddressFamily.INET6;
            address = v6.get();
        } else {
            // what looked like "[host]:port" but is not IPv6 loses its port, as in ipvsadm
            int colon = host.lastIndexOf(':');
            port = colon >= 0 ? host.substring(colon + 1) : null;
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
            Optional<? extends InetAddress> v4 = InetText.parseIpv4(host);
            if (v4.isEmpty()) {
                v4 = resolver.hostAddress(host);
            }
            if (v4.isEmpty()) {
                return Optional.empty();
            }
            family = AddressFamily.INET;
            address = v4.get();
        }
        int portNumber = -1;
        if (port != null) {
            portNumber = CNumbers.stringToNumber(port, 0, 65535);
            if (portNumber == -1) {
                OptionalInt named = protocol == null ? OptionalInt.empty() : resolver.servicePort(port, protocol);
                if (named.isEmpty()) {
                    return Optional.empty();
                }
                portNumber = named.getAsInt();
            }
        }
        return Optional.of(new ParsedAddress(family, address, portNumber));
    }

    /** parse_netmask: a dotted mask (inet_aton) or a host name, as a host-order int. */
    private Optional<Integer> parseNetmask(String text) {
        Optional<? extends InetAddress> mask = InetText.parseIpv4(text);
        if (mask.isEmpty()) {
            mask = resolver.hostAddress(text);
        }
        return mask.map(address -> InetText.words(address)[0]);
    }

    /** jlvs's --proxy-protocol: the version as -S writes it, v1 or v2. */
    private static ProxyProtocol parseProxyProtocol(String text) throws ProgramExit {
        return switch (text) {
            case "v1" -> ProxyProtocol.V1;
            case "v2" -> ProxyProtocol.V2;
            default -> throw ProgramExit.usage("invalid proxy-protocol version `" + text + "' specified (v1 or v2)");
        };
    }

    private static int parseFwmark(String text) throws ProgramExit {
        long mark = CNumbers.strtol(text).orElse(0);
        if (mark <= 0 || mark > 0xFFFFFFFFL) {
            throw ProgramExit.usage("invalid fwmark value `" + text + "' specified");
        }
        // kept as the kernel's u32; Integer.toString of it prints what ipvsadm's %d prints
        return (int) mark;
    }

    private static int parseTimeout(String text, int min, int max) throws ProgramExit {
        int value = CNumbers.stringToNumber(text, min, max);
        if (value == -1) {
            throw ProgramExit.usage("invalid timeout value `" + text + "' specified");
        }
        return value;
    }

    private static String parseMulticastGroup(String text) throws ProgramExit {
        if (text.indexOf(':') >= 0) {
            Optional<Inet6Address> group = InetText.parseIpv6(text);
            if (group.isEmpty() || (group.get().getAddress()[0] & 0xFF) != 0xFF) {
                throw ProgramExit.usage("invalid IPv6 mcast-group `" + text + "'");
            }
            return InetText.format(group.get());
        }
        Optional<byte[]> group = InetText.parseDottedQuad(text);
        if (group.isEmpty() || (group.get()[0] & 0xF0) != 0xE0) {
            throw ProgramExit.usage("invalid IPv4 mcast-group `" + text + "'");
        }
        return InetText.format(InetText.ipv4(group.get()));
    }

    /** parse_sched_flags: comma-separated flag names, some only for sh or mh. */
    private static int parseSchedFlags(String scheduler, String text) throws ProgramExit {
        String sched = scheduler.isEmpty() ? DEFAULT_SCHEDULER : scheduler;
        int flags = 0;
        for (String flag : text.split(",")) {
            if (flag.isEmpty()) {
                continue; // strtok skips empty fields
            }
            switch (flag) {
                case "flag-1" -> flags |= ServiceFlags.SCHED1;
                case "flag-2" -> flags |= ServiceFlags.SCHED2;
                case "flag-3" -> flags |= ServiceFlags.SCHED3;
                case "sh-fallback", "sh-port" -> {
                    flags |= flag.equals("sh-port") ? ServiceFlags.SCHED2 : ServiceFlags.SCHED1;
                    requireScheduler(sched, "sh", flag);
                }
                case "mh-fallback", "mh-port" -> {
                    flags |= flag.equals("mh-port") ? ServiceFlags.SCHED2 : ServiceFlags.SCHED1;
                    requireScheduler(sched, "mh", flag);
                }
                default -> throw ProgramExit.usage("invalid scheduler flag `" + flag + "'");
            }
        }
        return flags;
    }

    private static void requireScheduler(String scheduler, String wanted, String flag) throws ProgramExit {
        if (!scheduler.equals(wanted)) {
            throw ProgramExit.usage("incompatible scheduler flag `" + flag + "'");
        }
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** The FMT_* flags as they are collected. */
    private static final class Format {
        boolean numeric;
        boolean stats;
        boolean rate;
        boolean thresholds;
        boolean persistentConn;
        boolean noSort;
        boolean exact;
        boolean tunInfo;

        ListFormat toListFormat() {
            return new ListFormat(numeric, stats, rate, thresholds, persistentConn, noSort, exact, tunInfo, false);
        }
    }
}
