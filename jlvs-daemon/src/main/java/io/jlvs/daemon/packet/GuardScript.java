package io.jlvs.daemon.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The nft scripts of the kernel guard, each applied as one transaction ({@code nft -f -}): the
 * table installed in place of any leftover, a change as set elements deleted and added, and the
 * table's removal. The table is in the netdev family: its chains hook ingress on jlvsd's
 * interfaces, after AF_PACKET's taps (ETH_P_ALL) have their copy of a frame and before IP.
 */
final class GuardScript {
    /** The family of the table: netdev, whose ingress hook runs per interface before the IP stack. */
    static final String FAMILY = "netdev";
    /** Ahead of any other ingress chain a user may have. */
    static final int PRIORITY = -500;
    /** Elements per {@code add element} line, so a 100,000-element restore is not one line. */
    static final int ELEMENTS_PER_LINE = 1000;

    private GuardScript() {
    }

    /**
     * Replaces whatever table of this name exists (a leftover of a jlvsd killed with -9) by a
     * fresh one holding these rules: the empty declaration makes the delete succeed when there is
     * none, and the whole script is one transaction, so no packet sees the table half built.
     */
    static String install(String table, List<String> interfaces, Map<GuardSet, SortedSet<String>> elements,
                          String comment) {
        StringBuilder script = new StringBuilder(remove(table));
        script.append("table ").append(FAMILY).append(' ').append(table).append(" {\n");
        script.append("  comment \"").append(comment).append("\"\n");
        for (GuardSet set : GuardSet.ALL) {
            script.append("  ").append(set.declaration()).append('\n');
        }
        script.append("  chain guard {\n");
        for (GuardSet set : GuardSet.ALL) {
            script.append("    ").append(set.rule()).append('\n');
        }
        script.append("  }\n");
        for (int i = 0; i < interfaces.size(); i++) {
            script.append("  chain ingress").append(i).append(" {\n")
                    .append("    type filter hook ingress device \"").append(interfaces.get(i))
                    .append("\" priority ").append(PRIORITY).append("; policy accept;\n")
                    .append("    jump guard\n")
                    .append("  }\n");
        }
        script.append("}\n");
        for (GuardSet set : GuardSet.ALL) {
            elements(script, "add", table, set, elements.get(set));
        }
        return script.toString();
    }

    /** A change as element deletions, then additions; empty when there is none. */
    static String change(String table, Map<GuardSet, SortedSet<String>> deletions,
                         Map<GuardSet, SortedSet<String>> additions) {
        StringBuilder script = new StringBuilder();
        for (GuardSet set : GuardSet.ALL) {
            elements(script, "delete", table, set, deletions.get(set));
        }
        for (GuardSet set : GuardSet.ALL) {
            elements(script, "add", table, set, additions.get(set));
        }
        return script.toString();
    }

    /** Removes the table, and succeeds when it is already gone. */
    static String remove(String table) {
        return "table " + FAMILY + ' ' + table + '\n' + "delete table " + FAMILY + ' ' + table + '\n';
    }

    private static void elements(StringBuilder script, String verb, String table, GuardSet set, SortedSet<String> elements) {
        List<String> line = new ArrayList<>(Math.min(elements.size(), ELEMENTS_PER_LINE));
        for (String element : elements) {
            line.add(element);
            if (line.size() == ELEMENTS_PER_LINE) {
                elementLine(script, verb, table, set, line);
            }
        }
        if (!line.isEmpty()) {
            elementLine(script, verb, table, set, line);
        }
    }

    private static void elementLine(StringBuilder script, String verb, String table, GuardSet set, List<String> line) {
        script.append(verb).append(" element ").append(FAMILY).append(' ').append(table).append(' ')
                .append(set.setName()).append(" { ").append(String.join(", ", line)).append(" }\n");
        line.clear();
    }
}
