package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.socket.SocketControlClient;

/**
 * jlvs adm: ipvsadm argument for argument, talking to jlvsd over the control socket. It bypasses
 * picocli so every argument reaches ipvsadm's own parser untouched.
 */
final class AdmCommand {
    private AdmCommand() {
    }

    static int run(String[] args) {
        try (SocketControlClient client = SocketControlClient.forDefaultSocket()) {
            return Ipvsadm.run(args, client, System.in, System.out, System.err);
        }
    }
}
