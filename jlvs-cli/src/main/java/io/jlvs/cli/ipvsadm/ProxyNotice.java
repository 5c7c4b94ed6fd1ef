package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;

import java.io.PrintStream;
import java.util.List;

/**
 * Tells the user, once per jlvsd run, that a proxy-mode jlvsd serves real servers configured with
 * -g (direct routing) or -i (tunnelling) by proxying: they are listed as configured, but the real
 * server sees the director's address, as with FULLNAT. jlvsd remembers whether it was told
 * ({@link Query.ClaimProxyNotice}); a jlvs adm run asks at most once, and only after a -g/-i
 * change was applied. ipvsadm has no such message; it goes to stderr so scripts that read stdout
 * see ipvsadm's bytes.
 */
final class ProxyNotice {
    static final String TEXT = "jlvs adm: note: jlvsd runs the proxy engine, which serves real servers added with"
            + " -g or -i by proxying; they are listed as configured, and the real server sees the director's address";

    /** Sends a request to jlvsd (Ipvsadm's own send). */
    @FunctionalInterface
    interface Sender {
        Reply send(Request request) throws ProgramExit;
    }

    private final Sender sender;
    private boolean asked;

    ProxyNotice(Sender sender) {
        this.sender = sender;
    }

    /** After commands were applied (only those jlvsd accepted): print the notice if one needs it and it is due. */
    void afterApplied(List<Command> applied, PrintStream err) {
        if (asked || applied.stream().noneMatch(ProxyNotice::routesOrTunnels)) {
            return;
        }
        asked = true;
        try {
            if (sender.send(new Query.ClaimProxyNotice()) instanceof Reply.ProxyNotice(boolean due) && due) {
                err.println(TEXT);
            }
        } catch (ProgramExit e) {
            // The change itself went through; a note jlvsd cannot give (an older jlvsd, a daemon
            // gone meanwhile) must not turn its success into a failure.
        }
    }

    private static boolean routesOrTunnels(Command command) {
        DestinationSpec dest = switch (command) {
            case Command.AddDest add -> add.destination();
            case Command.EditDest edit -> edit.destination();
            default -> null;
        };
        return dest != null && (dest.method() == ForwardMethod.DROUTE || dest.method() == ForwardMethod.TUNNEL);
    }
}
