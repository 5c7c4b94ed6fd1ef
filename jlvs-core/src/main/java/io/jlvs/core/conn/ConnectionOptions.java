package io.jlvs.core.conn;

/**
 * The kernel's connection sysctls that change the rules here (net.ipv4.vs.*), all off by default.
 *
 * @param expireNodestConn        expire_nodest_conn: a packet for a connection whose destination
 *                                was deleted expires the entry at once (and may be rescheduled)
 *                                instead of being dropped while the entry lives on to its timeout
 * @param expireQuiescentTemplate expire_quiescent_template: a persistence template whose
 *                                destination has weight 0 is no longer honoured
 */
public record ConnectionOptions(boolean expireNodestConn, boolean expireQuiescentTemplate) {
    /** The kernel's defaults: both off. */
    public static final ConnectionOptions DEFAULT = new ConnectionOptions(false, false);
}
