package io.jlvs.daemon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The training run for jlvs adm's AOT cache: the launcher runs it once per build with
 * {@code -XX:AOTCacheOutput}, against a throwaway jlvsd at $JLVS_SOCKET, so that the classes and
 * code paths a script's ipvsadm calls use (adding, editing, listing, saving, restoring, errors)
 * are loaded and linked ahead of time. Exits 0 only if jlvsd answered every call as expected.
 */
final class AdmTraining {
    /** Each call and the exit status ipvsadm gives for it. */
    private static final List<Call> CALLS = List.of(
            new Call(0, "-C"),
            new Call(0, "-A", "-t", "192.0.2.1:80", "-s", "wlc"),
            new Call(0, "-a", "-t", "192.0.2.1:80", "-r", "192.0.2.10:80", "-m", "-w", "2"),
            new Call(0, "-a", "-t", "192.0.2.1:80", "-r", "192.0.2.11:80", "-m"),
            new Call(0, "-e", "-t", "192.0.2.1:80", "-r", "192.0.2.10:80", "-m", "-w", "3"),
            new Call(0, "-A", "-u", "[2001:db8::1]:53", "-s", "rr", "-p", "60"),
            new Call(0, "-a", "-u", "[2001:db8::1]:53", "-r", "[2001:db8::2]:53", "-m"),
            new Call(0, "-A", "-f", "7", "-s", "sh"),
            new Call(255, "-a", "-t", "192.0.2.99:80", "-r", "192.0.2.10:80"),
            new Call(0, "-Ln"),
            new Call(0, "-L", "-n", "--stats"),
            new Call(0, "-L", "-n", "--rate", "--exact"),
            new Call(0, "-L", "-n", "-t", "192.0.2.1:80"),
            new Call(0, "-Lnc"),
            new Call(0, "-L", "--timeout"),
            new Call(0, "-Z"),
            new Call(0, "-d", "-t", "192.0.2.1:80", "-r", "192.0.2.11:80"),
            new Call(0, "-D", "-f", "7"),
            new Call(0, "-h"));

    /** Where the big listing goes: its 2,000 lines would only bury the training's log. */
    private static final PrintStream NULL_OUT = new PrintStream(OutputStream.nullOutputStream());

    private AdmTraining() {
    }

    /** -R input: count TCP services on 10.2.0.0/16, in reverse order (for the sort), one real server each. */
    private static byte[] manyServices(int count) {
        StringBuilder rules = new StringBuilder();
        for (int s = count - 1; s >= 0; s--) {
            String vip = "10.2." + s / 250 + "." + (s % 250 + 1) + ":80";
            rules.append("-A -t ").append(vip).append(" -s rr\n-a -t ").append(vip)
                    .append(" -r 172.16.").append(s / 250).append('.').append(s % 250 + 1).append(":8080 -m\n");
        }
        return rules.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) {
        int failed = 0;
        for (Call call : CALLS) {
            failed += call.run(InputStream.nullInputStream(), System.out) ? 0 : 1;
        }
        // -S then -R of what it printed: the restore path, with its batch
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        failed += new Call(0, "-S", "-n").run(InputStream.nullInputStream(), new PrintStream(saved, true, StandardCharsets.UTF_8)) ? 0 : 1;
        // a table of 1,000 services listed: the big listing's code paths, sort and decode included
        failed += new Call(0, "-C").run(InputStream.nullInputStream(), System.out) ? 0 : 1;
        failed += new Call(0, "-R").run(new ByteArrayInputStream(manyServices(1000)), System.out) ? 0 : 1;
        failed += new Call(0, "-Ln").run(InputStream.nullInputStream(), NULL_OUT) ? 0 : 1;
        // then the small table back from what -S printed: it ends as it was before
        failed += new Call(0, "-C").run(InputStream.nullInputStream(), System.out) ? 0 : 1;
        failed += new Call(0, "-R").run(new ByteArrayInputStream(saved.toByteArray()), System.out) ? 0 : 1;
        failed += new Call(0, "-Ln").run(InputStream.nullInputStream(), System.out) ? 0 : 1;
        System.exit(failed == 0 ? 0 : 1);
    }

    /** One ipvsadm call and the exit status it should give. */
    private record Call(int status, String... args) {
        /** Runs it as {@code jlvs adm} does (through Main), with stdin and stdout swapped for the call. */
        boolean run(InputStream in, PrintStream out) {
            InputStream stdin = System.in;
            PrintStream stdout = System.out;
            System.setIn(in);
            System.setOut(out);
            int got;
            try {
                got = Main.run(adm(args));
            } finally {
                System.setIn(stdin);
                System.setOut(stdout);
            }
            if (got != status) {
                System.err.println("training: jlvs adm " + String.join(" ", args) + " exited " + got
                        + ", expected " + status);
            }
            return got == status;
        }

        private static String[] adm(String[] args) {
            String[] all = new String[args.length + 1];
            all[0] = "adm";
            System.arraycopy(args, 0, all, 1, args.length);
            return all;
        }
    }
}
