package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import io.jlvs.core.model.TunnelType;

import java.util.List;

/**
 * ipvsadm's service listings and -S, byte for byte from its printf formats: list_all,
 * list_service, print_title and print_service_entry.
 */
final class ServiceListing {

    private static final String[] TUNNEL_CHECKSUM_INFO = {"-c", "+c", "r+c"};
    private static final String[] TUNNEL_CHECKSUM_OPTIONS = {"--tun-nocsum", "--tun-csum", "--tun-remcsum"};

    private final EndpointNames names;

    ServiceListing(NameResolver resolver) {
        this.names = new EndpointNames(resolver);
    }

    /** -L (and -S with the rule format): header, title and every service. */
    String all(int connectionTableSize, List<ServiceStatus> services, ListFormat format) {
        StringBuilder out = new StringBuilder();
        if (!format.rule()) {
            out.append("IP Virtual Server version ").append(HelpText.IPVS_VERSION)
                    .append(" (size=").append(connectionTableSize).append(")\n");
        }
        List<ServiceStatus> ordered = format.noSort() ? services : ListingOrder.services(services);
        title(out, format);
        for (ServiceStatus service : ordered) {
            entry(out, service, format);
        }
        return out.toString();
    }

    /** -L with a service: title and that service, no header. */
    String one(ServiceStatus service, ListFormat format) {
        StringBuilder out = new StringBuilder();
        title(out, format);
        entry(out, service, format);
        return out.toString();
    }

    private static void title(StringBuilder out, ListFormat format) {
        if (format.stats()) {
            out.append(Columns.left("Prot LocalAddress:Port", 33)).append(' ')
                    .append(counterTitles("Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"))
                    .append("\n  -> RemoteAddress:Port\n");
        } else if (format.rate()) {
            out.append(Columns.left("Prot LocalAddress:Port", 33)).append(' ')
                    .append(counterTitles("CPS", "InPPS", "OutPPS", "InBPS", "OutBPS"))
                    .append("\n  -> RemoteAddress:Port\n");
        } else if (format.thresholds()) {
            out.append(Columns.left("Prot LocalAddress:Port", 33)).append(' ')
                    .append(Columns.left("Uthreshold", 10)).append(' ')
                    .append(Columns.left("Lthreshold", 10)).append(' ')
                    .append(Columns.left("ActiveConn", 10)).append(' ')
                    .append(Columns.left("InActConn", 10))
                    .append("\n  -> RemoteAddress:Port\n");
        } else if (format.persistentConn()) {
            out.append(Columns.left("Prot LocalAddress:Port", 33)).append(' ')
                    .append(Columns.left("Weight", 9)).append(' ')
                    .append(Columns.left("PersistConn", 11)).append(' ')
                    .append(Columns.left("ActiveConn", 10)).append(' ')
                    .append(Columns.left("InActConn", 10))
                    .append("\n  -> RemoteAddress:Port\n");
        } else if (format.tunInfo()) {
            out.append("Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n");
        } else if (!format.rule()) {
            out.append("Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        }
    }

    private static String counterTitles(String... titles) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < titles.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Columns.right(titles[i], 8));
        }
        return sb.toString();
    }

    private void entry(StringBuilder out, ServiceStatus service, ListFormat format) {
        ServiceSpec spec = service.spec();
        ServiceKey key = spec.key();
        Protocol protocol = key instanceof ServiceKey.Address a ? a.protocol() : Protocol.TCP;
        String name = serviceName(key, format);

        if (format.rule()) {
            out.append("-A ").append(name).append(" -s ").append(spec.scheduler());
            if (spec.persistent()) {
                out.append(" -p ").append(Integer.toUnsignedString(spec.timeout()));
                appendMask(out, spec, " -M ");
            }
            if (!spec.persistenceEngine().isEmpty()) {
                out.append(" --pe ").append(spec.persistenceEngine());
            }
            if (spec.onePacket()) {
                out.append(" -o");
            }
            if ((spec.flags() & ServiceFlags.SCHED_MASK) != 0) {
                out.append(" -b ").append(schedFlags(spec));
            }
            if (spec.proxyProtocol() != ProxyProtocol.NONE) {
                out.append(" --proxy-protocol ").append(proxyProtocolName(spec.proxyProtocol()));
            }
        } else if (format.stats()) {
            out.append(Columns.left(name, 33)).append(stats(service.stats(), format.exact()));
        } else if (format.rate()) {
            TrafficRates r = service.rates();
            out.append(Columns.left(name, 33)).append(largeNumbers(format.exact(), r.connsPerSecond(),
                    r.inPacketsPerSecond(), r.outPacketsPerSecond(), r.inBytesPerSecond(), r.outBytesPerSecond()));
        } else {
            out.append(name).append(' ').append(spec.scheduler());
            if ((spec.flags() & ServiceFlags.SCHED_MASK) != 0) {
                String flags = schedFlags(spec);
                out.append(" (").append(flags).append(')');
            }
            if (spec.persistent()) {
                out.append(" persistent ").append(Integer.toUnsignedString(spec.timeout()));
                appendMask(out, spec, " mask ");
                if (!spec.persistenceEngine().isEmpty()) {
                    out.append(" pe ").append(spec.persistenceEngine());
                }
            }
            if (spec.onePacket()) {
                out.append(" ops");
            }
            // jlvs's suffix, last, in words no ipvsadm suffix uses
            if (spec.proxyProtocol() != ProxyProtocol.NONE) {
                out.append(" proxy-protocol ").append(proxyProtocolName(spec.proxyProtocol()));
            }
        }
        out.append('\n');

        List<DestinationStatus> destinations = format.noSort()
                ? service.destinations() : ListingOrder.destinations(service.destinations());
        for (DestinationStatus destination : destinations) {
            destinationLine(out, name, protocol, destination, format);
        }
    }

    // instanceof rather than a pattern switch: the switch's bootstrap and method-handle dispatch
    // cost more than the line on cold code, and this runs once per service.
    private String serviceName(ServiceKey key, ListFormat format) {
        if (key instanceof ServiceKey.Address a) {
            String endpoint = names.format(a.address(), a.port(), a.protocol(), format.numeric());
            if (format.rule()) {
                return switchFor(a.protocol()) + " " + endpoint;
            }
            String text = Columns.appendLeft(new StringBuilder(48), a.protocol().name(), 4)
                    .append(' ').append(endpoint).toString();
            return a.family() == AddressFamily.INET6 ? text : Columns.cut(text, 33);
        }
        ServiceKey.Mark m = (ServiceKey.Mark) key;
        String mark = Integer.toString(m.mark());
        boolean v6 = m.family() == AddressFamily.INET6;
        return format.rule() ? "-f " + mark + (v6 ? " -6" : "") : "FWM  " + mark + (v6 ? " IPv6" : "");
    }

    /** The switch that names a protocol's service in a rule: -t, -u, --sctp-service. */
    static String switchFor(Protocol protocol) {
        return switch (protocol) {
            case TCP -> "-t";
            case UDP -> "-u";
            case SCTP -> "--sctp-service";
        };
    }

    /** The persistence mask when it is not the default: dotted for IPv4, a prefix length for IPv6. */
    private static void appendMask(StringBuilder out, ServiceSpec spec, String label) {
        if (spec.key().family() == AddressFamily.INET) {
            if (spec.netmask() != 0xFFFFFFFF) {
                out.append(label).append(InetText.format(InetText.ipv4(spec.netmask())));
            }
        } else if (spec.netmask() != 128) {
            out.append(label).append(spec.netmask());
        }
    }

    /** print_sched_flags: sh and mh name their two flags; every other scheduler shows flag-N. */
    private static String schedFlags(ServiceSpec spec) {
        int flags = spec.flags();
        StringBuilder sb = new StringBuilder();
        switch (spec.scheduler()) {
            case "sh", "mh" -> {
                if ((flags & ServiceFlags.SCHED1) != 0) {
                    sb.append(spec.scheduler()).append("-fallback,");
                }
                if ((flags & ServiceFlags.SCHED2) != 0) {
                    sb.append(spec.scheduler()).append("-port,");
                }
            }
            default -> {
                if ((flags & ServiceFlags.SCHED1) != 0) {
                    sb.append("flag-1,");
                }
                if ((flags & ServiceFlags.SCHED2) != 0) {
                    sb.append("flag-2,");
                }
                if ((flags & ServiceFlags.SCHED3) != 0) {
                    sb.append("flag-3,");
                }
            }
        }
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 1);
    }

    private void destinationLine(StringBuilder out, String serviceName, Protocol protocol,
                                 DestinationStatus destination, ListFormat format) {
        DestinationSpec spec = destination.spec();
        String name = names.format(spec.address(), spec.port(), protocol, format.numeric());
        if (!format.rule() && AddressFamily.of(spec.address()) != AddressFamily.INET6) {
            name = Columns.cut(name, 28);
        }
        if (format.rule()) {
            out.append("-a ").append(serviceName).append(" -r ").append(name).append(' ')
                    .append(switchFor(spec.method())).append(" -w ").append(spec.weight());
            if (spec.method() == ForwardMethod.TUNNEL) {
                out.append(" --tun-type ").append(tunnelName(spec.tunnelType()));
                switch (spec.tunnelType()) {
                    case GUE -> out.append(" --tun-port ").append(spec.tunnelPort())
                            .append(' ').append(TUNNEL_CHECKSUM_OPTIONS[checksumIndex(spec)]);
                    case GRE -> out.append(' ').append(TUNNEL_CHECKSUM_OPTIONS[checksumIndex(spec)]);
                    case IPIP -> {
                    }
                }
            }
            out.append('\n');
        } else if (format.stats()) {
            out.append("  -> ").append(Columns.left(name, 28))
                    .append(stats(destination.stats(), format.exact())).append('\n');
        } else if (format.rate()) {
            TrafficRates r = destination.rates();
            // ipvsadm prints the first three destination rates unabbreviated
            out.append("  -> ").append(Columns.left(name, 28))
                    .append(' ').append(Columns.right(Long.toUnsignedString(r.connsPerSecond()), 8))
                    .append(' ').append(Columns.right(Long.toUnsignedString(r.inPacketsPerSecond()), 8))
                    .append(' ').append(Columns.right(Long.toUnsignedString(r.outPacketsPerSecond()), 8))
                    .append(largeNumbers(format.exact(), r.inBytesPerSecond(), r.outBytesPerSecond())).append('\n');
        } else if (format.thresholds()) {
            out.append("  -> ").append(Columns.left(name, 28))
                    .append(' ').append(Columns.left(spec.upperThreshold(), 10))
                    .append(' ').append(Columns.left(spec.lowerThreshold(), 10))
                    .append(' ').append(Columns.left(destination.activeConns(), 10))
                    .append(' ').append(Columns.left(destination.inactConns(), 10)).append('\n');
        } else if (format.persistentConn()) {
            out.append("  -> ").append(Columns.left(name, 28))
                    .append(' ').append(Columns.left(spec.weight(), 9))
                    .append(' ').append(Columns.left(destination.persistConns(), 11))
                    .append(' ').append(Columns.left(destination.activeConns(), 10))
                    .append(' ').append(Columns.left(destination.inactConns(), 10)).append('\n');
        } else if (format.tunInfo()) {
            out.append("  -> ").append(Columns.left(name, 28))
                    .append(' ').append(Columns.left(forwardName(spec.method()), 7))
                    .append(' ').append(Columns.left(tunnelInfo(spec), 13))
                    .append(' ').append(Columns.left(spec.weight(), 6))
                    .append(' ').append(Columns.left(destination.activeConns(), 10))
                    .append(' ').append(Columns.left(destination.inactConns(), 10)).append('\n');
        } else {
            Columns.appendLeft(out.append("  -> "), name, 28).append(' ');
            Columns.appendLeft(out, forwardName(spec.method()), 7).append(' ');
            Columns.appendLeft(out, spec.weight(), 6).append(' ');
            Columns.appendLeft(out, destination.activeConns(), 10).append(' ');
            Columns.appendLeft(out, destination.inactConns(), 10).append('\n');
        }
    }

    private static String stats(TrafficStats s, boolean exact) {
        return largeNumbers(exact, s.conns(), s.inPackets(), s.outPackets(), s.inBytes(), s.outBytes());
    }

    private static String largeNumbers(boolean exact, long... values) {
        StringBuilder sb = new StringBuilder();
        for (long value : values) {
            sb.append(LargeNumber.format(value, exact));
        }
        return sb.toString();
    }

    /** The --proxy-protocol argument, as the listing and -S write it and the parser reads it. */
    static String proxyProtocolName(ProxyProtocol proxyProtocol) {
        return switch (proxyProtocol) {
            case NONE -> "none";
            case V1 -> "v1";
            case V2 -> "v2";
        };
    }

    /** The Forward column; FULLNAT is jlvs's. */
    static String forwardName(ForwardMethod method) {
        return switch (method) {
            case MASQ -> "Masq";
            case LOCALNODE -> "Local";
            case TUNNEL -> "Tunnel";
            case DROUTE -> "Route";
            case FULLNAT -> "FullNat";
        };
    }

    /** The -S switch; a local destination saves as -g, as in ipvsadm. */
    static String switchFor(ForwardMethod method) {
        return switch (method) {
            case MASQ -> "-m";
            case TUNNEL -> "-i";
            case LOCALNODE, DROUTE -> "-g";
            case FULLNAT -> "--fullnat";
        };
    }

    private static String tunnelName(TunnelType type) {
        return switch (type) {
            case IPIP -> "ipip";
            case GUE -> "gue";
            case GRE -> "gre";
        };
    }

    private static int checksumIndex(DestinationSpec spec) {
        return Math.min(Math.max(spec.tunnelFlags(), 0), 2);
    }

    /** fwd_tun_info: the TunnelInfo column, "n/a" for a destination that is not tunnelled. */
    private static String tunnelInfo(DestinationSpec spec) {
        if (spec.method() != ForwardMethod.TUNNEL) {
            return "n/a";
        }
        String info = switch (spec.tunnelType()) {
            case IPIP -> "ipip";
            case GUE -> "gue:" + spec.tunnelPort() + ":" + TUNNEL_CHECKSUM_INFO[checksumIndex(spec)];
            case GRE -> "gre:" + TUNNEL_CHECKSUM_INFO[checksumIndex(spec)];
        };
        return Columns.cut(info, 15);
    }
}
