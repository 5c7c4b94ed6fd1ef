package io.jlvs.io.linux.netlink;

/** A neighbour entry's state (NUD_*, one bit each), named as {@code ip neigh} names it. */
public enum NeighbourState {
    INCOMPLETE(0x01), REACHABLE(0x02), STALE(0x04), DELAY(0x08), PROBE(0x10), FAILED(0x20), NOARP(0x40),
    PERMANENT(0x80), NONE(0x00);

    private final int bit;

    NeighbourState(int bit) {
        this.bit = bit;
    }

    /** The kernel's NUD_* value. */
    public int bit() {
        return bit;
    }

    /** The state of a kernel value (its lowest known bit; NONE for 0). */
    static NeighbourState of(int nud) {
        for (NeighbourState state : values()) {
            if ((nud & state.bit) != 0) {
                return state;
            }
        }
        return NONE;
    }

    /** Whether the link-layer address can be used to send (reachable, or presumed so). */
    public boolean valid() {
        return this == REACHABLE || this == STALE || this == DELAY || this == PROBE || this == PERMANENT
                || this == NOARP;
    }
}
