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
 * Tells the user, once per jlvs adm run, that a proxy-mode jlvsd serves real servers configured
 * with -g (direct routing) or -i (tunnelling) by proxying: they are listed as configured, but the
 * real server sees the director's address, as with FULLNAT. ipvsadm has no such message; it goes
 * to stderr so scripts that read stdout see ipvsadm's bytes.
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
    private boolean done;

    ProxyNotice(Sender sender) {
        this.sender = sender;
    }

    /** After commands were applied: print the notice if one of them needs it and jlvsd proxies. */
    void afterApplied(List<Command> applied, PrintStream err) throws ProgramExit {
        if (done || applied.stream().noneMatch(ProxyNotice::routesOrTunnels)) {
            return;
        }
        done = true;
        if (sender.send(new Query.GetDataPlane()) instanceof Reply.DataPlane(String name) && name.equals("proxy")) {
            err.println(TEXT);
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
