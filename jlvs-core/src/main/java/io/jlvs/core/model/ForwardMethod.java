package io.jlvs.core.model;

/**
 * How packets reach a real server. The names are the kernel's IP_VS_CONN_F_* forwarding values;
 * FULLNAT is a jlvs extension (SNAT+DNAT) that has no kernel value.
 */
public enum ForwardMethod {
    /** NAT, ipvsadm -m, listed as "Masq". */
    MASQ,
    /** The destination is the director itself, listed as "Local". */
    LOCALNODE,
    /** IP-in-IP and other tunnels, ipvsadm -i, listed as "Tunnel". */
    TUNNEL,
    /** Direct routing, ipvsadm -g (the default), listed as "Route". */
    DROUTE,
    /** Full NAT: client address replaced by a director address too (jlvs extension). */
    FULLNAT
}
