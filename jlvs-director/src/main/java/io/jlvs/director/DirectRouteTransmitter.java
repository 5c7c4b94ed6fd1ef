package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;

/**
 * DR (ipvsadm -g, ip_vs_dr_xmit): the packet goes to the real server unchanged but for its
 * Ethernet destination, which becomes the real server's MAC. The real server holds the VIP on lo
 * and answers the client itself, so no reply comes back this way.
 */
final class DirectRouteTransmitter implements Transmitter {
    private final ConnectionTable table;
    private final Egress egress;
    private final ForwardingCounters counters;

    DirectRouteTransmitter(ConnectionTable table, Egress egress, ForwardingCounters counters) {
        this.table = table;
        this.egress = egress;
        this.counters = counters;
    }

    @Override
    public void toRealServer(CurrentFrame frame, int slot) {
        if (egress.send(frame, table.destinationWord(slot, 0),
                table.destinationWord(slot, 1), table.destinationWord(slot, 2), table.destinationWord(slot, 3))) {
            counters.toRealServers++;
        }
    }

    @Override
    public void toClient(CurrentFrame frame, int slot) {
        throw new IllegalStateException("DR replies do not pass the director");
    }
}
