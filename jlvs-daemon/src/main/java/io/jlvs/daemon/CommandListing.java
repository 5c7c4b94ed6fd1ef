package io.jlvs.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Help;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "Commands:" section of {@code jlvs --help}: every picocli subcommand with its whole summary
 * (picocli shows only a description's first line), plus the commands picocli does not parse:
 * {@code adm}, which goes to ipvsadm's own parser, and the launcher's {@code test} and {@code build}.
 */
final class CommandListing {
    static final String ADM = "ipvsadm 1.31, argument for argument, talking to jlvsd (also bin/ipvsadm,"
            + " bin/ipvsadm-save and bin/ipvsadm-restore); 'jlvs help adm' prints its options";
    static final String TEST = "Run the whole test suite, then the quickstart (./jlvs launcher only)";
    static final String BUILD = "Build now, without the tests (./jlvs launcher only)";

    private CommandListing() {
    }

    /** Puts the full command list into the help of the jlvs command line. */
    static CommandLine install(CommandLine commandLine) {
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                help -> help.createTextTable(rows(help)).toString());
        return commandLine;
    }

    private static Map<String, String> rows(Help help) {
        Map<String, String> rows = new LinkedHashMap<>();
        help.subcommands().forEach((name, sub) -> {
            rows.put(name, summary(sub.commandSpec().usageMessage()));
            if (name.equals("daemon")) {
                rows.put("adm", ADM);
            }
        });
        rows.put("test", TEST);
        rows.put("build", BUILD);
        return rows;
    }

    /** The header when there is one, else the whole description as one paragraph. */
    private static String summary(CommandLine.Model.UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        return String.join(" ", lines);
    }
}
