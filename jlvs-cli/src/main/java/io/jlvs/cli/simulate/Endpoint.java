package io.jlvs.cli.simulate;

import io.jlvs.cli.ipvsadm.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;

/** A numeric address and port as simulate scripts write them: 10.0.0.1:80 or [2001:db8::1]:80. */
record Endpoint(InetAddress address, int port) {

    /** Parses ADDRESS:PORT; a host name is refused so a script never waits on DNS. */
    static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected ADDRESS:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("write an IPv6 address in brackets, as [ADDRESS]:PORT: '" + text + "'");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a numeric IP address: '" + host + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("invalid port in '" + text + "' (0 to 65535)");
        }
        return new Endpoint(address, port);
    }

    @Override
    public String toString() {
        String host = InetText.format(address);
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
