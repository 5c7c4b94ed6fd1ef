package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.ExitStatus;
import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.socket.SocketControlClient;

/**
 * jlvs adm: ipvsadm argument for argument, talking to jlvsd over the control socket. It bypasses
 * picocli so every argument reaches ipvsadm's own parser untouched.
 */
final class AdmCommand {
    /**
     * The environment variable that carries the name ipvsadm was called by (its argv[0]): bin/ipvsadm
     * sets it to its "$0", so the usage text and the "Try ..." hint name the command the user typed.
     */
    static final String ARGV0 = "JLVS_ADM_ARGV0";
    /** The name when called as {@code jlvs adm}. */
    static final String OWN_NAME = "jlvs adm";

    private AdmCommand() {
    }

    static int run(String[] args) {
        SocketControlClient.prepareInBackground();
        String argv0 = System.getenv(ARGV0);
        String program = argv0 == null || argv0.isEmpty() ? OWN_NAME : argv0;
        SocketControlClient connection;
        try {
            connection = SocketControlClient.forDefaultSocket();
        } catch (IllegalArgumentException badTimeout) {
            System.err.println(program + ": " + badTimeout.getMessage());
            return ExitStatus.USAGE;
        }
        try (SocketControlClient client = connection) {
            return Ipvsadm.run(program, args, client, System.in, System.out, System.err);
        }
    }
}
