package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;

/**
 * FULLNAT (ipvsadm --fullnat, Alibaba's LVS): both ends are rewritten. A request's source becomes
 * the connection's local address and port and its destination the real server's; a reply's source
 * becomes the VIP and its destination the client again. The real server needs no route to the
 * clients: it answers the local address, which the director owns.
 */
final class FullNatTransmitter implements Transmitter {
    private final ConnectionTable table;
    private final Egress egress;
    private final AddressRewriter rewriter = new AddressRewriter();

    FullNatTransmitter(ConnectionTable table, Egress egress) {
        this.table = table;
        this.egress = egress;
    }

    @Override
    public void toRealServer(CurrentFrame frame, int slot) {
        int d0 = table.destinationWord(slot, 0);
        int d1 = table.destinationWord(slot, 1);
        int d2 = table.destinationWord(slot, 2);
        int d3 = table.destinationWord(slot, 3);
        frame.rewrite(rewriter)
                .source(table.localWord(slot, 0), table.localWord(slot, 1), table.localWord(slot, 2),
                        table.localWord(slot, 3))
                .sourcePort(table.localPort(slot))
                .destination(d0, d1, d2, d3)
                .destinationPort(table.destinationPort(slot));
        egress.send(frame, Egress.TO_REAL_SERVER, d0, d1, d2, d3);
    }

    @Override
    public void toClient(CurrentFrame frame, int slot) {
        int c0 = table.clientWord(slot, 0);
        int c1 = table.clientWord(slot, 1);
        int c2 = table.clientWord(slot, 2);
        int c3 = table.clientWord(slot, 3);
        frame.rewrite(rewriter)
                .source(table.virtualWord(slot, 0), table.virtualWord(slot, 1), table.virtualWord(slot, 2),
                        table.virtualWord(slot, 3))
                .sourcePort(table.virtualPort(slot))
                .destination(c0, c1, c2, c3)
                .destinationPort(table.clientPort(slot));
        egress.send(frame, Egress.TO_CLIENT, c0, c1, c2, c3);
    }

}
