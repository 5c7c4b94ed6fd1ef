package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;

/**
 * NAT (ipvsadm -m, ip_vs_nat_xmit and the reply side of ip_vs_out): a request's destination
 * becomes the real server's address and port; a reply's source becomes the VIP and port again. The
 * real servers route their replies through the director (their default gateway).
 */
final class NatTransmitter implements Transmitter {
    private final ConnectionTable table;
    private final Egress egress;
    private final AddressRewriter rewriter = new AddressRewriter();

    NatTransmitter(ConnectionTable table, Egress egress) {
        this.table = table;
        this.egress = egress;
    }

    @Override
    public void toRealServer(CurrentFrame frame, int slot) {
        int d0 = table.destinationWord(slot, 0);
        int d1 = table.destinationWord(slot, 1);
        int d2 = table.destinationWord(slot, 2);
        int d3 = table.destinationWord(slot, 3);
        frame.rewrite(rewriter).destination(d0, d1, d2, d3).destinationPort(table.destinationPort(slot));
        egress.send(frame, Egress.TO_REAL_SERVER, d0, d1, d2, d3);
    }

    @Override
    public void toClient(CurrentFrame frame, int slot) {
        frame.rewrite(rewriter).source(table.virtualWord(slot, 0), table.virtualWord(slot, 1), table.virtualWord(slot, 2),
                table.virtualWord(slot, 3)).sourcePort(table.virtualPort(slot));
        egress.send(frame, Egress.TO_CLIENT, table.clientWord(slot, 0),
                table.clientWord(slot, 1), table.clientWord(slot, 2), table.clientWord(slot, 3));
    }

}
