package io.jlvs.core.conn;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.service.Flow;

/**
 * The client-side tuple an entry is found by (the kernel's struct ip_vs_conn_param): protocol,
 * family, client address and port, virtual address and port. A reusable holder, so lookups and
 * scheduling allocate nothing.
 */
final class ConnectionKey {
    int protocol;
    AddressFamily family = AddressFamily.INET;
    final int[] client = new int[4];
    int clientPort;
    final int[] virtual = new int[4];
    int virtualPort;

    /** The request direction of a flow: source is the client, destination the virtual service. */
    ConnectionKey setInbound(Flow flow) {
        protocol = flow.protocol().number();
        family = flow.family();
        for (int i = 0; i < 4; i++) {
            client[i] = flow.sourceWord(i);
            virtual[i] = flow.destinationWord(i);
        }
        clientPort = flow.sourcePort();
        virtualPort = flow.destinationPort();
        return this;
    }
}
