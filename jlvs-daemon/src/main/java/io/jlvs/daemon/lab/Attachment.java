package io.jlvs.daemon.lab;

/**
 * A host's interface plugged into a segment (one bridge of the lab's switch namespace, a LAN).
 *
 * @param role the host's role (its namespace)
 * @param iface the interface's name in the host (eth0, eth1)
 * @param segment the bridge it is a port of
 */
public record Attachment(String role, String iface, String segment) {
    /** The bridge port's name in the switch namespace (at most 15 characters: role-iface). */
    String port() {
        return role + "-" + iface;
    }
}
