package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;

import java.net.Inet6Address;
import java.net.InetAddress;

/** A command named for a person reading an error: which service, which real server, which setting. */
final class CommandText {
    private CommandText() {
    }

    static String describe(Command command) {
        return switch (command) {
            case Command.AddService c -> service(c.service());
            case Command.EditService c -> service(c.service());
            case Command.DelService c -> "service " + key(c.key());
            case Command.Flush c -> "flush";
            case Command.AddDest c -> destination(c.key(), c.destination());
            case Command.EditDest c -> destination(c.key(), c.destination());
            case Command.DelDest c -> "service " + key(c.key()) + ", destination " + hostPort(c.address(), c.port());
            case Command.AddLocalAddress c -> "service " + key(c.key()) + ", local address " + c.address().getHostAddress();
            case Command.DelLocalAddress c -> "service " + key(c.key()) + ", local address " + c.address().getHostAddress();
            case Command.Zero c -> c.key() == null ? "zero" : "zero of service " + key(c.key());
            case Command.SetTimeouts c -> "timeouts tcp " + c.timeouts().tcp() + ", tcpfin " + c.timeouts().tcpFin()
                    + ", udp " + c.timeouts().udp();
            case Command.StartDaemon c -> "sync daemon " + c.daemon().state() + " on interface \""
                    + c.daemon().interfaceName() + "\"";
            case Command.StopDaemon c -> "sync daemon " + c.state();
            case Command.Batch c -> "batch of " + c.commands().size() + " commands";
        };
    }

    /** "TCP 10.0.0.1:80", "UDP [2001:db8::1]:53", "FWM 42" or "FWM 42 IPv6". */
    static String key(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Address a -> a.protocol() + " " + hostPort(a.address(), a.port());
            case ServiceKey.Mark m -> "FWM " + m.mark() + (m.family() == AddressFamily.INET6 ? " IPv6" : "");
        };
    }

    private static String service(ServiceSpec spec) {
        return "service " + key(spec.key()) + " (scheduler \"" + spec.scheduler() + "\""
                + (spec.persistenceEngine().isEmpty() ? "" : ", persistence engine \"" + spec.persistenceEngine() + "\"")
                + ")";
    }

    private static String destination(ServiceKey key, DestinationSpec d) {
        return "service " + key(key) + ", destination " + hostPort(d.address(), d.port()) + " (" + d.method()
                + ", weight " + d.weight() + ")";
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
