package io.jlvs.daemon.packet;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.daemon.DaemonStartupException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.daemon.packet.GuardTables.ip;
import static io.jlvs.daemon.packet.GuardTables.real;
import static io.jlvs.daemon.packet.GuardTables.table;
import static io.jlvs.daemon.packet.GuardTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard's scripts as the service table changes, through a recording {@link Nft}. */
class KernelGuardTest {
    private static final String REPLACE = "table netdev jlvs\ndelete table netdev jlvs\ntable netdev jlvs {\n";

    private final RecordingNft nft = new RecordingNft();
    private final ServiceManager manager = new ServiceManager();

    private KernelGuard guard(ServiceTable table) throws DaemonStartupException {
        KernelGuard guard = KernelGuard.start(nft, List.of("eth0", "eth1"), table, service -> List.of());
        manager.addListener(guard);
        return guard;
    }

    private void handle(Command command) {
        assertInstanceOf(Reply.Ok.class, manager.handle(command));
    }

    @Test
    void startReplacesAnyLeftoverTableByOneWithAnIngressChainPerInterface() throws Exception {
        guard(table(tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.MASQ))));

        assertEquals(1, nft.scripts.size());
        String script = nft.scripts.getFirst();
        assertTrue(script.startsWith(REPLACE), script);
        assertTrue(script.contains("  chain ingress0 {\n    type filter hook ingress device \"eth0\" priority -500;"
                + " policy accept;\n    jump guard\n  }\n"), script);
        assertTrue(script.contains("device \"eth1\""), script);
        assertTrue(script.contains("    meta l4proto . ip daddr . th dport @vip4 counter drop"), script);
        assertTrue(script.contains("    meta l4proto . ip saddr . th sport @nat4 fib daddr type != local counter drop"), script);
        assertTrue(script.endsWith("add element netdev jlvs vip4 { tcp . 10.0.0.1 . 80 }\n"
                + "add element netdev jlvs nat4 { tcp . 10.1.0.1 . 80 }\n"
                + "add element netdev jlvs naticmp4 { icmp . 10.1.0.1 }\n"), script);
    }

    @Test
    void aChangeIsAppliedAsTheElementsItAddsAndDeletes() throws Exception {
        guard(ServiceTable.EMPTY);

        handle(new Command.AddService(tcp("10.0.0.1", 80).spec()));
        handle(new Command.AddDest(tcp("10.0.0.1", 80).key(), real("10.1.0.1", 80, ForwardMethod.MASQ)));
        handle(new Command.DelService(tcp("10.0.0.1", 80).key()));

        assertEquals(List.of("add element netdev jlvs vip4 { tcp . 10.0.0.1 . 80 }\n",
                "add element netdev jlvs nat4 { tcp . 10.1.0.1 . 80 }\n"
                        + "add element netdev jlvs naticmp4 { icmp . 10.1.0.1 }\n",
                "delete element netdev jlvs vip4 { tcp . 10.0.0.1 . 80 }\n"
                        + "delete element netdev jlvs nat4 { tcp . 10.1.0.1 . 80 }\n"
                        + "delete element netdev jlvs naticmp4 { icmp . 10.1.0.1 }\n"),
                nft.scripts.subList(1, nft.scripts.size()));
    }

    @Test
    void aBatchIsOneTransactionAndAChangeWithoutRulesNone() throws Exception {
        guard(ServiceTable.EMPTY);

        handle(new Command.Batch(List.of(new Command.AddService(tcp("10.0.0.1", 80).spec()),
                new Command.AddService(tcp("10.0.0.2", 80).spec()),
                new Command.AddDest(tcp("10.0.0.2", 80).key(), real("10.1.0.1", 80, ForwardMethod.DROUTE)))));
        handle(new Command.Zero(null));
        handle(new Command.EditDest(tcp("10.0.0.2", 80).key(), real("10.1.0.1", 80, ForwardMethod.DROUTE)));

        assertEquals(List.of("add element netdev jlvs vip4 { tcp . 10.0.0.1 . 80, tcp . 10.0.0.2 . 80 }\n"),
                nft.scripts.subList(1, nft.scripts.size()));
    }

    @Test
    void aFlushDeletesEveryElementAndARestoreAfterItInTheSameRequestKeepsItsOwn() throws Exception {
        guard(table(tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.MASQ)), tcp("10.0.0.2", 80)));

        handle(new Command.Batch(List.of(new Command.Flush(), new Command.AddService(tcp("10.0.0.2", 80).spec()),
                new Command.AddService(tcp("10.0.0.3", 80).spec()))));
        handle(new Command.Flush());

        assertEquals(List.of("delete element netdev jlvs vip4 { tcp . 10.0.0.1 . 80 }\n"
                        + "delete element netdev jlvs nat4 { tcp . 10.1.0.1 . 80 }\n"
                        + "delete element netdev jlvs naticmp4 { icmp . 10.1.0.1 }\n"
                        + "add element netdev jlvs vip4 { tcp . 10.0.0.3 . 80 }\n",
                "delete element netdev jlvs vip4 { tcp . 10.0.0.2 . 80, tcp . 10.0.0.3 . 80 }\n"),
                nft.scripts.subList(1, nft.scripts.size()));
    }

    @Test
    void aChangeTheTableDoesNotTakeIsAppliedAsTheWholeTableAtOnce() throws Exception {
        guard(ServiceTable.EMPTY);
        handle(new Command.AddService(tcp("10.0.0.1", 80).spec()));

        nft.failures = 1;
        handle(new Command.AddService(tcp("10.0.0.2", 80).spec()));

        assertEquals(4, nft.scripts.size(), String.join("----\n", nft.scripts));
        assertEquals("add element netdev jlvs vip4 { tcp . 10.0.0.2 . 80 }\n", nft.scripts.get(2));
        String reinstall = nft.scripts.get(3);
        assertTrue(reinstall.startsWith(REPLACE), reinstall);
        assertTrue(reinstall.endsWith("add element netdev jlvs vip4 { tcp . 10.0.0.1 . 80, tcp . 10.0.0.2 . 80 }\n"),
                reinstall);
    }

    @Test
    void whenTheWholeTableFailsTooTheNextRequestInstallsIt() throws Exception {
        guard(ServiceTable.EMPTY);

        nft.failures = 2;
        handle(new Command.AddService(tcp("10.0.0.1", 80).spec()));
        handle(new Command.AddService(tcp("10.0.0.2", 80).spec()));
        handle(new Command.AddService(tcp("10.0.0.3", 80).spec()));

        assertEquals(5, nft.scripts.size(), String.join("----\n", nft.scripts));
        String reinstall = nft.scripts.get(3);
        assertTrue(reinstall.startsWith(REPLACE), reinstall);
        assertTrue(reinstall.endsWith("add element netdev jlvs vip4 { tcp . 10.0.0.1 . 80, tcp . 10.0.0.2 . 80 }\n"),
                reinstall);
        assertEquals("add element netdev jlvs vip4 { tcp . 10.0.0.3 . 80 }\n", nft.scripts.get(4));
    }

    @Test
    void closeRemovesTheTableOnceAndLaterChangesApplyNothing() throws Exception {
        KernelGuard guard = guard(ServiceTable.EMPTY);

        guard.close();
        guard.close();
        handle(new Command.AddService(tcp("10.0.0.1", 80).spec()));

        assertEquals(List.of("table netdev jlvs\ndelete table netdev jlvs\n"), nft.scripts.subList(1, nft.scripts.size()));
    }

    @Test
    void aLargeTableIsAddedInLinesOfAThousandElements() throws Exception {
        ServiceTable table = ServiceTable.EMPTY;
        for (int i = 0; i < 2500; i++) {
            table = table.withServiceAdded(tcp("10.0." + i / 250 + "." + i % 250, 80));
        }
        guard(table);

        long lines = nft.scripts.getFirst().lines().filter(line -> line.startsWith("add element netdev jlvs vip4 {")).count();
        assertEquals(3, lines);
        assertEquals(2500, nft.scripts.getFirst().split("tcp \\. 10\\.0\\.").length - 1);
    }

    @Test
    void aRefusedInstallIsAStartupErrorNamingTheTableAndInterfaces() {
        nft.failures = 1;

        DaemonStartupException e = assertThrows(DaemonStartupException.class,
                () -> KernelGuard.start(nft, List.of("eth0"), ServiceTable.EMPTY, service -> List.of()));

        assertEquals("cannot install jlvsd's nftables table netdev jlvs on eth0: nft exited 1: Error: Could not process rule",
                e.getMessage());
    }

    @Test
    void aBadInterfaceNameIsRefusedBeforeNftRuns() {
        for (String name : List.of("", "eth0 x", "a\"b", "abcdefghijklmnop", "eth0:0")) {
            DaemonStartupException e = assertThrows(DaemonStartupException.class,
                    () -> KernelGuard.start(nft, List.of(name), ServiceTable.EMPTY, service -> List.of()));
            assertTrue(e.getMessage().startsWith("\"" + name + "\" is not an interface name"), e.getMessage());
        }
        DaemonStartupException twice = assertThrows(DaemonStartupException.class,
                () -> KernelGuard.start(nft, List.of("eth0", "eth1", "eth0"), ServiceTable.EMPTY, service -> List.of()));
        assertEquals("interface eth0 is named twice", twice.getMessage());
        assertEquals(List.of(), nft.scripts);
    }

    @Test
    void aMissingInterfaceIsAStartupErrorNamingIt() {
        DaemonStartupException e = assertThrows(DaemonStartupException.class,
                () -> KernelGuard.start(List.of("jlvsnosuch0"), ServiceTable.EMPTY));

        assertEquals("there is no interface jlvsnosuch0 in this network namespace", e.getMessage());
    }

    @Test
    void aLocalAddressAddedOrDeletedChangesTheFullnatElementsOfItsService() throws Exception {
        handle(new Command.AddService(tcp("10.0.0.1", 80).spec()));
        handle(new Command.AddDest(tcp("10.0.0.1", 80).key(), real("10.1.0.1", 80, ForwardMethod.FULLNAT)));
        manager.addListener(KernelGuard.start(nft, List.of("eth0"), manager.table(), ServiceEntry::localAddresses));

        handle(new Command.AddLocalAddress(tcp("10.0.0.1", 80).key(), ip("10.77.1.1")));
        handle(new Command.DelLocalAddress(tcp("10.0.0.1", 80).key(), ip("10.77.1.1")));

        assertEquals(List.of("add element netdev jlvs fullnat4 { tcp . 10.1.0.1 . 80 . 10.77.1.1 }\n",
                "delete element netdev jlvs fullnat4 { tcp . 10.1.0.1 . 80 . 10.77.1.1 }\n"),
                nft.scripts.subList(1, nft.scripts.size()));
    }

    @Test
    void fullnatLocalAddressesComeFromTheGivenSource() throws Exception {
        KernelGuard.start(nft, List.of("eth0"), table(tcp("10.0.0.1", 80, real("10.1.0.1", 80, ForwardMethod.FULLNAT))),
                service -> List.of(ip("10.2.0.1"), ip("10.2.0.2")));

        assertTrue(nft.scripts.getFirst().endsWith(
                "add element netdev jlvs fullnat4 { tcp . 10.1.0.1 . 80 . 10.2.0.1, tcp . 10.1.0.1 . 80 . 10.2.0.2 }\n"),
                nft.scripts.getFirst());
    }
}
