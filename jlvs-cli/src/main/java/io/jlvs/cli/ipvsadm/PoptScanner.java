package io.jlvs.cli.ipvsadm;

import java.util.ArrayList;
import java.util.List;

/**
 * popt's poptGetNextOpt over ipvsadm's table: short options cluster ("-Ln", "-t1.2.3.4:80"),
 * long options take "--name=value" or "--name value", an optional argument is not taken from a
 * word starting with '-', "--" ends the options, and every other word is kept as a leftover.
 */
final class PoptScanner {

    /** What the next call found. */
    sealed interface Event {
    }

    /** An option and its argument (null when it has none). */
    record Found(PoptOption option, String argument) implements Event {
    }

    /** No options left. */
    record End() implements Event {
    }

    /** popt refused a word; {@link #message()} is poptStrerror's text. */
    record Error(String message) implements Event {
    }

    static final String BAD_OPTION = "unknown option";
    static final String MISSING_ARGUMENT = "missing argument";
    static final String UNWANTED_ARGUMENT = "option does not take an argument";

    private final List<String> words;
    private final List<String> leftovers = new ArrayList<>();
    private int next;
    private int nextLeftover;
    private String cluster;
    private boolean restAreLeftovers;

    /** A scanner over the words after the program name. */
    PoptScanner(List<String> words) {
        this.words = List.copyOf(words);
    }

    Event next() {
        while (true) {
            String longArgument = null;
            PoptOption option = null;
            if (cluster == null) {
                if (next == words.size()) {
                    return new End();
                }
                String word = words.get(next++);
                if (restAreLeftovers || !word.startsWith("-") || word.equals("-")) {
                    leftovers.add(word);
                    continue;
                }
                if (word.equals("--")) {
                    restAreLeftovers = true;
                    continue;
                }
                if (word.startsWith("--")) {
                    String body = word.substring(2);
                    int equals = body.indexOf('=');
                    String name = equals < 0 ? body : body.substring(0, equals);
                    longArgument = equals < 0 ? null : body.substring(equals + 1);
                    option = PoptOption.byLongName(name);
                    if (option == null) {
                        return new Error(BAD_OPTION);
                    }
                } else {
                    // No option in ipvsadm's table allows a single dash before a long name.
                    cluster = word.substring(1);
                }
            }
            if (cluster != null) {
                option = PoptOption.byShortName(cluster.charAt(0));
                cluster = cluster.length() > 1 ? cluster.substring(1) : null;
                if (option == null) {
                    return new Error(BAD_OPTION);
                }
            }
            return switch (option.arg()) {
                case NONE -> longArgument != null || (cluster != null && cluster.startsWith("="))
                        ? new Error(UNWANTED_ARGUMENT)
                        : new Found(option, null);
                case REQUIRED, OPTIONAL -> argumentFor(option, longArgument);
            };
        }
    }

    private Event argumentFor(PoptOption option, String longArgument) {
        if (longArgument != null) {
            return new Found(option, longArgument);
        }
        if (cluster != null) {
            String rest = cluster.startsWith("=") ? cluster.substring(1) : cluster;
            cluster = null;
            return new Found(option, rest);
        }
        if (next == words.size()) {
            return option.arg() == PoptOption.Arg.OPTIONAL ? new Found(option, null) : new Error(MISSING_ARGUMENT);
        }
        if (option.arg() == PoptOption.Arg.OPTIONAL && words.get(next).startsWith("-")) {
            return new Found(option, null);
        }
        return new Found(option, words.get(next++));
    }

    /** poptBadOption: the last word consumed. */
    String lastWord() {
        return next == 0 ? "" : words.get(next - 1);
    }

    /** poptGetArg: the next leftover word, or null. */
    String nextLeftover() {
        return nextLeftover < leftovers.size() ? leftovers.get(nextLeftover++) : null;
    }
}
