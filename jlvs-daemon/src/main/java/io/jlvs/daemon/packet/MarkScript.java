package io.jlvs.daemon.packet;

import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * The nft script of jlvsd's table of firewall marks ({@link MarkTable}), applied as one
 * transaction in place of whatever table of the name is there. A chain at prerouting priority
 * -140, after mangle (-150, where the user's rules set marks) and before NAT and routing, hands
 * each TCP, UDP or SCTP packet whose mark is a service's to jlvsd with nfnetlink_log and drops the
 * kernel's copy:
 *
 * <pre>
 * table inet jlvsmarks {
 *   set marks4 { type mark; elements = { 0x00000001 } }
 *   set marks6 { type mark; }
 *   chain prerouting {
 *     type filter hook prerouting priority -140; policy accept;
 *     meta nfproto ipv4 meta mark @marks4 meta l4proto { tcp, udp, sctp } log group 27244 snaplen 65535 drop
 *     meta nfproto ipv6 meta mark @marks6 meta l4proto { tcp, udp, sctp } log group 27244 snaplen 65535 drop
 *   }
 * }
 * </pre>
 */
final class MarkScript {
    /** The table's family: inet, whose prerouting hook sees IPv4 and IPv6 after mangle. */
    static final String FAMILY = "inet";
    /** After mangle (-150) and before destination NAT (-100). */
    static final int PRIORITY = -140;

    private MarkScript() {
    }

    /** The table with these marks, replacing any table of its name. */
    static String install(String table, int group, int snaplen, SortedSet<Integer> marks4, SortedSet<Integer> marks6,
                          String comment) {
        return remove(table)
                + "table " + FAMILY + ' ' + table + " {\n"
                + "  comment \"" + comment + "\"\n"
                + "  set marks4 { type mark;" + elements(marks4) + " }\n"
                + "  set marks6 { type mark;" + elements(marks6) + " }\n"
                + "  chain prerouting {\n"
                + "    type filter hook prerouting priority " + PRIORITY + "; policy accept;\n"
                + rule("ipv4", "marks4", group, snaplen)
                + rule("ipv6", "marks6", group, snaplen)
                + "  }\n"
                + "}\n";
    }

    /** Removes the table, and succeeds when it is already gone. */
    static String remove(String table) {
        return "table " + FAMILY + ' ' + table + '\n' + "delete table " + FAMILY + ' ' + table + '\n';
    }

    private static String rule(String family, String set, int group, int snaplen) {
        return "    meta nfproto " + family + " meta mark @" + set + " meta l4proto { tcp, udp, sctp } log group " + group
                + " snaplen " + snaplen + " drop comment \"a firewall-mark service's packet: jlvsd forwards it\"\n";
    }

    private static String elements(SortedSet<Integer> marks) {
        if (marks.isEmpty()) {
            return "";
        }
        return " elements = { " + marks.stream().map(m -> "0x" + String.format("%08x", m))
                .collect(Collectors.joining(", ")) + " };";
    }
}
