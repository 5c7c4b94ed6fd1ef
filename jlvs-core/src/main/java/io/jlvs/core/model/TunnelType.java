package io.jlvs.core.model;

/** The encapsulation of a tunnelled destination (--tun-type). */
public enum TunnelType {
    IPIP,
    GUE,
    GRE
}
