package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.ControlClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One ipvsadm run: exit status, stdout and stderr. */
record Run(int status, String out, String err) {

    static Run of(ControlClient client, NameResolver names, String stdin, String... args) {
        return as("ipvsadm", client, names, stdin, args);
    }

    /** A run of ipvsadm called as program (its argv[0]). */
    static Run as(String program, ControlClient client, NameResolver names, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Ipvsadm(client, names, "/run/jlvs/jlvsd.sock", program).execute(args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run of(ControlClient client, String... args) {
        return of(client, new FixedNames(), "", args);
    }

    /** A shell-like split on spaces, for readable test tables. */
    static String[] words(String line) {
        return line.isBlank() ? new String[0] : line.trim().split(" +");
    }
}
