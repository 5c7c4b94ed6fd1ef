package io.jlvs.director;

import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.conn.EntryRemoval;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.LocalAddress;
import io.jlvs.core.service.VirtualService;

import java.util.Arrays;

/**
 * FULLNAT's local addresses and ports, as Alibaba's LVS binds them: a new connection takes its
 * service's local addresses in turn (ipvsadm -P), and on one a port from a moving cursor that no
 * connection to the same real server holds (the reply tuple must be unique: the table is asked);
 * a port in use counts a conflict on the address and the next is tried. When the entry is removed
 * the address's connection count drops again. Allocates only when the table grows.
 */
final class LocalAddressPool implements LocalAddressBinder, EntryRemoval {
    private static final int FIRST_PORT = 1024;
    private static final int PORTS = 65_536 - FIRST_PORT;
    /** Ports tried on one address before the next address is tried. */
    private static final int TRIES = 64;

    private final ConnectionTable table;
    private final Flow probe = new Flow();
    private final int[] words = new int[4];
    private LocalAddress[] bySlot = new LocalAddress[0];
    private int cursor;

    LocalAddressPool(ConnectionTable table) {
        this.table = table;
        table.onRemoval(this);
    }

    @Override
    public boolean bind(VirtualService service, int slot) {
        Protocol protocol = switch (table.protocol(slot)) {
            case 6 -> Protocol.TCP;
            case 17 -> Protocol.UDP;
            default -> Protocol.SCTP;
        };
        boolean ipv6 = table.family(slot) == AddressFamily.INET6;
        int addresses = service.localAddressCount();
        for (int a = 0; a < addresses; a++) {
            LocalAddress local = service.nextLocalAddress();
            for (int i = 0; i < 4; i++) {
                words[i] = local.word(i);
            }
            for (int t = 0; t < TRIES; t++) {
                int port = FIRST_PORT + cursor;
                cursor = cursor + 1 == PORTS ? 0 : cursor + 1;
                replyTuple(protocol, ipv6, slot, port);
                if (table.findOutbound(probe) == ConnectionTable.NONE) {
                    table.setLocalAddress(slot, words, port);
                    local.connectionOpened();
                    remember(slot, local);
                    return true;
                }
                local.conflict();
            }
        }
        return false;
    }

    /** The tuple the real server's replies will carry: from it, to the local address and port. */
    private void replyTuple(Protocol protocol, boolean ipv6, int slot, int port) {
        if (!ipv6) {
            probe.setIpv4(protocol, table.destinationWord(slot, 0), table.destinationPort(slot), words[0], port);
            return;
        }
        probe.setIpv6(protocol, table.destinationPort(slot), port);
        for (int i = 0; i < 4; i++) {
            probe.sourceWord(i, table.destinationWord(slot, i)).destinationWord(i, words[i]);
        }
    }

    private void remember(int slot, LocalAddress local) {
        if (slot >= bySlot.length) {
            bySlot = Arrays.copyOf(bySlot, Math.max(table.capacity(), slot + 1));
        }
        bySlot[slot] = local;
    }

    @Override
    public void removed(int slot) {
        if (slot < bySlot.length && bySlot[slot] != null) {
            bySlot[slot].connectionClosed();
            bySlot[slot] = null;
        }
    }
}
