package io.jlvs.core.model;

/** The transport protocols a virtual service can be keyed by, with their IP protocol numbers. */
public enum Protocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IP protocol number (IPPROTO_TCP and so on). */
    public int number() {
        return number;
    }
}
