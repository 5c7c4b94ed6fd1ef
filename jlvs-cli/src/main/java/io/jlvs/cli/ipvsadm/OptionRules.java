package io.jlvs.cli.ipvsadm;

import java.util.Set;

/**
 * ipvsadm's generic_opt_check and tunnel_opt_check: which options each command and each tunnel
 * type requires, refuses, or allows only one of. Columns are checked in table order, so the first
 * offending column decides the message.
 */
final class OptionRules {

    private static final String[] TUNNEL_NAMES = {"ipip", "gue", "gre"};
    private static final OptionColumn[] TUNNEL_COLUMNS = {
        OptionColumn.TUN_PORT, OptionColumn.TUN_NOCSUM, OptionColumn.TUN_CSUM, OptionColumn.TUN_REMCSUM};
    /** Rows ipip, gue, gre; columns tun-port, tun-nocsum, tun-csum, tun-remcsum. */
    private static final String[] TUNNEL_RULES = {"xxxx", "+111", "x11x"};

    private static final OptionColumn[] COLUMNS = OptionColumn.values();

    private OptionRules() {
    }

    static void checkCommand(CommandKind command, Set<OptionColumn> options) throws ProgramExit {
        OptionColumn firstExclusive = null;
        for (OptionColumn column : COLUMNS) {
            char rule = command.rule(column);
            if (!options.contains(column)) {
                if (rule == '+') {
                    throw ProgramExit.usage("You need to supply the '" + column.text() + "' option for the '"
                            + command.text() + "' command");
                }
                continue;
            }
            if (rule == 'x') {
                throw ProgramExit.usage("Illegal '" + column.text() + "' option with the '" + command.text()
                        + "' command");
            }
            if (rule == '1') {
                if (firstExclusive == null) {
                    firstExclusive = column;
                    continue;
                }
                throw ProgramExit.usage("The option '" + column.text() + "' conflicts with the '"
                        + firstExclusive.text() + "' option in the '" + command.text() + "' command");
            }
        }
    }

    static void checkTunnel(int tunnelType, Set<OptionColumn> options) throws ProgramExit {
        String rules = TUNNEL_RULES[tunnelType];
        String type = TUNNEL_NAMES[tunnelType];
        OptionColumn firstExclusive = null;
        for (int j = 0; j < TUNNEL_COLUMNS.length; j++) {
            OptionColumn column = TUNNEL_COLUMNS[j];
            char rule = rules.charAt(j);
            if (!options.contains(column)) {
                if (rule == '+') {
                    throw ProgramExit.usage("You need to supply the '" + column.text() + "' option for the '"
                            + type + "' tunnel type");
                }
                continue;
            }
            if (rule == 'x') {
                throw ProgramExit.usage("Illegal '" + column.text() + "' option with the '" + type + "' tunnel type");
            }
            if (rule == '1') {
                if (firstExclusive == null) {
                    firstExclusive = column;
                    continue;
                }
                throw ProgramExit.usage("The option '" + column.text() + "' conflicts with the '"
                        + firstExclusive.text() + "' option in the '" + type + "' tunnel type");
            }
        }
    }
}
