package io.jlvs.core.model;

/**
 * Whether, and in which version, a service sends the PROXY protocol header to its real servers
 * (a jlvs extension; the kernel has no such setting). Only TCP services may carry V1 or V2.
 */
public enum ProxyProtocol {
    /** No header: the real server sees the connection as the director opens it. */
    NONE,
    /** The human-readable header: "PROXY TCP4 client vip cport vport\r\n". */
    V1,
    /** The binary header with the 12-byte signature. */
    V2
}
