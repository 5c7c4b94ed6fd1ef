package io.jlvs.core.model;

/**
 * The timeouts ipvsadm --set changes, in seconds: TCP ESTABLISHED, TCP FIN_WAIT and UDP.
 * The kernel's defaults are 900, 120 and 300.
 */
public record Timeouts(int tcp, int tcpFin, int udp) {
    public static final Timeouts DEFAULT = new Timeouts(900, 120, 300);

    public Timeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts cannot be negative");
        }
    }

    /** These timeouts with every non-zero value of the update applied (0 keeps a value). */
    public Timeouts merge(Timeouts update) {
        return new Timeouts(update.tcp != 0 ? update.tcp : tcp,
                update.tcpFin != 0 ? update.tcpFin : tcpFin,
                update.udp != 0 ? update.udp : udp);
    }
}
