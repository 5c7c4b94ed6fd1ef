package io.jlvs.daemon.lab;

import java.util.List;

/**
 * One command of a lab, as a seed reader types it: run in the namespace of role (null: the host's
 * namespace). An argv starting with {@link #JLVS} runs this jlvs.
 *
 * @param role the namespace's role (client, dir, rs1, ...), or null for the host
 * @param argv the command and its arguments
 */
public record Step(String role, List<String> argv) {
    /** The argv[0] that stands for this jlvs command. */
    public static final String JLVS = "jlvs";

    public Step {
        argv = List.copyOf(argv);
    }

    /** A command in role's namespace. */
    static Step on(String role, String... argv) {
        return new Step(role, List.of(argv));
    }
}
