package io.jlvs.daemon.realserver;

import io.jlvs.cli.ipvsadm.InetText;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The --vip arguments of rs-setup: literal unicast IP addresses, each once. */
final class VipArguments {
    private VipArguments() {
    }

    /** A VIP from its literal text (no name lookup), or an IllegalArgumentException naming the problem. */
    static InetAddress parse(String text) {
        InetAddress vip;
        try {
            vip = InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address (a VIP is given as 10.0.0.100 or"
                    + " 2001:db8::100, without a prefix)");
        }
        if (vip.isAnyLocalAddress() || vip.isLoopbackAddress() || vip.isMulticastAddress()) {
            throw new IllegalArgumentException(text + " cannot be a VIP (it is a "
                    + (vip.isMulticastAddress() ? "multicast" : vip.isLoopbackAddress() ? "loopback" : "wildcard")
                    + " address)");
        }
        return vip;
    }

    /** The VIPs, in order; an IllegalArgumentException for none, a bad one or one given twice. */
    static List<InetAddress> parseAll(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException("no VIP given: name each with --vip VIP");
        }
        List<InetAddress> vips = new ArrayList<>();
        for (String text : texts) {
            InetAddress vip = parse(text);
            if (vips.contains(vip)) {
                throw new IllegalArgumentException("VIP " + InetText.format(vip) + " is given twice");
            }
            vips.add(vip);
        }
        return List.copyOf(vips);
    }
}
