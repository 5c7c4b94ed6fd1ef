package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;

import java.util.List;

/** ipvsadm's -L -c (list_conn, print_conn), -L --timeout and -L --daemon formats. */
final class OtherListings {

    private final EndpointNames names;

    OtherListings(NameResolver resolver) {
        this.names = new EndpointNames(resolver);
    }

    /** -c: one line per entry, expiry as mm:ss, with PE name and data under --persistent-conn. */
    String connections(List<ConnectionEntry> entries, ListFormat format) {
        StringBuilder out = new StringBuilder("IPVS connection entries\n");
        if (format.persistentConn()) {
            out.append("pro expire ").append(Columns.left("state", 11)).append(' ')
                    .append(Columns.left("source", 18)).append(' ')
                    .append(Columns.left("virtual", 18)).append(' ')
                    .append(Columns.left("destination", 18)).append(' ')
                    .append(Columns.left("pe name", 16)).append(" pe_data\n");
        } else {
            out.append("pro expire ").append(Columns.left("state", 11)).append(' ')
                    .append(Columns.left("source", 18)).append(' ')
                    .append(Columns.left("virtual", 18)).append(" destination\n");
        }
        for (ConnectionEntry entry : entries) {
            Protocol protocol = protocolOf(entry.protocol());
            String source = names.format(entry.clientAddress(), entry.clientPort(), protocol, format.numeric());
            String virtual = names.format(entry.virtualAddress(), entry.virtualPort(), protocol, format.numeric());
            String destination = names.format(entry.destinationAddress(), entry.destinationPort(), protocol,
                    format.numeric());
            long seconds = Math.max(0, entry.expiresMillis() / 1000);
            String expire = twoDigits(seconds / 60) + ":" + twoDigits(seconds % 60);
            // the kernel prints PE name and data only when the entry has data; ipvsadm reads them as two words
            boolean withPe = !entry.persistenceEngine().isEmpty() && !entry.persistenceData().isEmpty();
            out.append(Columns.left(entry.protocol(), 3)).append(' ')
                    .append(Columns.left(expire, 6)).append(' ')
                    .append(Columns.left(entry.state(), 11)).append(' ')
                    .append(Columns.left(source, 18)).append(' ')
                    .append(Columns.left(virtual, 18)).append(' ');
            if (format.persistentConn() && withPe) {
                out.append(Columns.left(destination, 16)).append(' ')
                        .append(Columns.left(entry.persistenceEngine(), 18)).append(' ')
                        .append(firstWord(entry.persistenceData())).append('\n');
            } else {
                out.append(destination).append('\n');
            }
        }
        return out.toString();
    }

    /** --timeout. */
    static String timeouts(Timeouts timeouts) {
        return "Timeout (tcp tcpfin udp): " + timeouts.tcp() + " " + timeouts.tcpFin() + " " + timeouts.udp() + "\n";
    }

    /** --daemon: one line per running daemon; optional fields only when set. */
    static String daemons(List<SyncDaemonSpec> daemons) {
        StringBuilder out = new StringBuilder();
        for (SyncDaemonSpec daemon : daemons) {
            out.append(daemon.state() == SyncDaemonSpec.State.MASTER ? "master" : "backup")
                    .append(" sync daemon (mcast=").append(daemon.interfaceName())
                    .append(", syncid=").append(daemon.syncId());
            if (daemon.maxLength() != 0) {
                out.append(", maxlen=").append(Integer.toUnsignedString(daemon.maxLength()));
            }
            if (!daemon.group().isEmpty()) {
                out.append(", group=").append(daemon.group());
            }
            if (daemon.port() != 0) {
                out.append(", port=").append(daemon.port());
            }
            if (daemon.ttl() != 0) {
                out.append(", ttl=").append(daemon.ttl());
            }
            out.append(")\n");
        }
        return out.toString();
    }

    private static Protocol protocolOf(String name) {
        return switch (name) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> null;
        };
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    private static String firstWord(String text) {
        String trimmed = text.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
