package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.daemon.DaemonStartupException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.daemon.packet.GuardTables.real;
import static io.jlvs.daemon.packet.GuardTables.service;
import static io.jlvs.daemon.packet.GuardTables.table;
import static io.jlvs.daemon.packet.GuardTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mark table's scripts as the service table changes, through a recording {@link Nft}. */
class MarkTableTest {
    private static final String REPLACE = "table inet jlvsmarks\ndelete table inet jlvsmarks\ntable inet jlvsmarks {\n";
    private static final ServiceKey MARK1 = new ServiceKey.Mark(AddressFamily.INET, 1);
    private static final ServiceKey MARK6 = new ServiceKey.Mark(AddressFamily.INET6, 0x20);

    private final RecordingNft nft = new RecordingNft();
    private final ServiceManager manager = new ServiceManager();

    private MarkTable marks(ServiceTable table) throws DaemonStartupException {
        MarkTable marks = MarkTable.start(nft, table);
        manager.addListener(marks);
        return marks;
    }

    private void handle(Command command) {
        assertInstanceOf(Reply.Ok.class, manager.handle(command));
    }

    @Test
    void startReplacesAnyLeftoverByAChainAfterMangleThatLogsTheServicesMarksAndDropsTheKernelsCopy() throws Exception {
        marks(table(service(MARK1), service(MARK6), tcp("10.0.0.1", 80)));

        String script = nft.scripts.getFirst();
        assertTrue(script.startsWith(REPLACE), script);
        assertTrue(script.contains("  set marks4 { type mark; elements = { 0x00000001 }; }\n"), script);
        assertTrue(script.contains("  set marks6 { type mark; elements = { 0x00000020 }; }\n"), script);
        assertTrue(script.contains("    type filter hook prerouting priority -140; policy accept;\n"), script);
        assertTrue(script.contains("    meta nfproto ipv4 meta mark @marks4 meta l4proto { tcp, udp, sctp } log group "
                + MarkTable.LOG_GROUP + " snaplen 65535 drop"), script);
        assertTrue(script.contains("    meta nfproto ipv6 meta mark @marks6 "), script);
    }

    @Test
    void theTableIsReplacedOnlyWhenTheMarksChange() throws Exception {
        marks(ServiceTable.EMPTY);
        assertTrue(nft.scripts.getFirst().contains("  set marks4 { type mark; }\n"), nft.scripts.getFirst());

        handle(new Command.AddService(service(MARK1).spec()));
        handle(new Command.AddDest(MARK1, real("10.1.0.1", 80, ForwardMethod.MASQ)));
        handle(new Command.AddService(tcp("10.0.0.1", 80).spec()));
        handle(new Command.DelService(MARK1));

        assertEquals(3, nft.scripts.size(), String.join("----\n", nft.scripts));
        assertTrue(nft.scripts.get(1).contains("set marks4 { type mark; elements = { 0x00000001 }; }"), nft.scripts.get(1));
        assertTrue(nft.scripts.get(2).contains("set marks4 { type mark; }"), nft.scripts.get(2));
    }

    @Test
    void aReplacementTheKernelRefusedIsTriedAgainWithTheNextRequest() throws Exception {
        marks(ServiceTable.EMPTY);
        nft.failures = 1;
        handle(new Command.AddService(service(MARK1).spec()));
        handle(new Command.Zero(null));

        assertEquals(3, nft.scripts.size());
        assertEquals(nft.scripts.get(1), nft.scripts.get(2));
    }

    @Test
    void closeRemovesTheTableAndAStartNftRefusesIsNamed() throws Exception {
        marks(ServiceTable.EMPTY).close();
        assertEquals("table inet jlvsmarks\ndelete table inet jlvsmarks\n", nft.scripts.getLast());

        nft.failures = 1;
        DaemonStartupException refused = assertThrows(DaemonStartupException.class,
                () -> MarkTable.start(nft, ServiceTable.EMPTY));
        assertEquals("cannot install jlvsd's nftables table inet jlvsmarks (firewall-mark services): nft exited 1:"
                + " Error: Could not process rule", refused.getMessage());
    }
}
