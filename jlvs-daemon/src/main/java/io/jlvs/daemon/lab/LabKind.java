package io.jlvs.daemon.lab;

import java.util.Locale;

/** The five labs of {@code jlvs lab}, by the name the command takes. */
public enum LabKind {
    NAT,
    DR,
    DR_ROUTED,
    TUN,
    FULLNAT;

    /** The name on the command line: nat, dr, dr-routed, tun, fullnat. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The lab named label, or an error listing the five. */
    public static LabKind of(String label) {
        for (LabKind kind : values()) {
            if (kind.label().equals(label.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no lab '" + label + "'; the labs are nat, dr, dr-routed, tun and fullnat");
    }
}
