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

    DirectRouteTransmitter(ConnectionTable table, Egress egress) {
        this.table = table;
        this.egress = egress;
    }

    @Override
    public void toRealServer(CurrentFrame frame, int slot) {
        egress.send(frame, Egress.TO_REAL_SERVER, table.destinationWord(slot, 0),
                table.destinationWord(slot, 1), table.destinationWord(slot, 2), table.destinationWord(slot, 3));
    }

    @Override
    public void toClient(CurrentFrame frame, int slot) {
        throw new IllegalStateException("DR replies do not pass the director");
    }
}
