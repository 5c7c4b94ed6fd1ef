package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static io.jlvs.control.TestTables.daemon;
import static io.jlvs.control.TestTables.dest;
import static io.jlvs.control.TestTables.ip;
import static io.jlvs.control.TestTables.mark;
import static io.jlvs.control.TestTables.persistent;
import static io.jlvs.control.TestTables.service;
import static io.jlvs.control.TestTables.tcp;
import static io.jlvs.control.TestTables.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the ServiceManager does with commands it accepts: order, batches, listeners, queries. */
class ServiceManagerTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);

    private final ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), TableStore.NONE);

    private void ok(Command command) {
        assertEquals(new Reply.Ok(), manager.handle(command), command::toString);
    }

    private List<ServiceKey> listedKeys() {
        Reply.Services services = (Reply.Services) manager.handle(new Query.GetServices(null));
        return services.services().stream().map(s -> s.spec().key()).toList();
    }

    @Test
    void realServersAreListedNewestFirstAndAnEditKeepsThePlace() {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddDest(WEB, dest("192.168.1.1", 80)));
        ok(new Command.AddDest(WEB, dest("192.168.1.2", 80)));
        ok(new Command.AddDest(WEB, dest("192.168.1.3", 80)));
        ok(new Command.EditDest(WEB, dest("192.168.1.2", 80, ForwardMethod.MASQ, 7)));

        List<DestinationSpec> listed = manager.table().find(WEB).orElseThrow().destinations();
        assertEquals(List.of(dest("192.168.1.3", 80), dest("192.168.1.2", 80, ForwardMethod.MASQ, 7),
                dest("192.168.1.1", 80)), listed);
    }

    @Test
    void aDeletedAndReAddedRealServerComesBackFirst() {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddDest(WEB, dest("192.168.1.1", 80)));
        ok(new Command.AddDest(WEB, dest("192.168.1.2", 80)));
        ok(new Command.DelDest(WEB, ip("192.168.1.1"), 80));
        ok(new Command.AddDest(WEB, dest("192.168.1.1", 80)));

        assertEquals(List.of(dest("192.168.1.1", 80), dest("192.168.1.2", 80)),
                manager.table().find(WEB).orElseThrow().destinations());
    }

    @Test
    void theTableKeepsServicesInInsertionOrderAndEditingKeepsTheRealServers() {
        ok(new Command.AddService(service(udp("10.0.0.1", 53))));
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddDest(WEB, dest("192.168.1.1", 80)));
        ServiceSpec edited = persistent(WEB, "");
        ok(new Command.EditService(edited));

        assertEquals(List.of(udp("10.0.0.1", 53), WEB), manager.table().services().stream().map(ServiceEntry::key).toList());
        ServiceEntry web = manager.table().find(WEB).orElseThrow();
        assertEquals(edited, web.spec());
        assertEquals(List.of(dest("192.168.1.1", 80)), web.destinations());
    }

    @Test
    void theKernelsOwnHashedBitIsNotStored() {
        ServiceSpec withHashed = new ServiceSpec(WEB, "none", ServiceFlags.HASHED | ServiceFlags.ONEPACKET, 0,
                ServiceSpec.DEFAULT_NETMASK_V4, "");
        ok(new Command.AddService(withHashed));

        assertEquals(ServiceFlags.ONEPACKET, manager.table().find(WEB).orElseThrow().spec().flags());
    }

    @Test
    void aTcpServiceKeepsItsProxyProtocolThroughTheHashedBitAndAnEditSetsOrClearsIt() {
        ServiceSpec v1 = new ServiceSpec(WEB, "none", ServiceFlags.HASHED, 0, ServiceSpec.DEFAULT_NETMASK_V4, "",
                ProxyProtocol.V1);
        ok(new Command.AddService(v1));
        assertEquals(ProxyProtocol.V1, manager.table().find(WEB).orElseThrow().spec().proxyProtocol());

        ok(new Command.EditService(service(WEB).withProxyProtocol(ProxyProtocol.V2)));
        assertEquals(ProxyProtocol.V2, manager.table().find(WEB).orElseThrow().spec().proxyProtocol());

        // -E replaces the whole service spec, as ipvsadm's -E does: without the option it is NONE again
        ok(new Command.EditService(service(WEB)));
        assertEquals(ProxyProtocol.NONE, manager.table().find(WEB).orElseThrow().spec().proxyProtocol());
    }

    @Test
    void deleteRemovesTheServiceAndItsRealServers() {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddDest(WEB, dest("192.168.1.1", 80)));
        ok(new Command.DelService(WEB));
        ok(new Command.AddService(service(WEB)));

        assertTrue(manager.table().find(WEB).orElseThrow().destinations().isEmpty());
    }

    @Test
    void flushRemovesServicesButKeepsTimeoutsAndDaemons() {
        // a daemon comes only with a restored table: jlvs refuses --start-daemon
        ServiceManager restored = new ServiceManager(ServiceTable.EMPTY.withDaemonStarted(
                daemon(SyncDaemonSpec.State.MASTER, "eth0")), TestTables.host(), TableStore.NONE);
        assertEquals(new Reply.Ok(), restored.handle(new Command.AddService(service(WEB))));
        assertEquals(new Reply.Ok(), restored.handle(new Command.SetTimeouts(new Timeouts(100, 0, 0))));
        assertEquals(new Reply.Ok(), restored.handle(new Command.Flush()));

        assertTrue(restored.table().services().isEmpty());
        assertEquals(new Timeouts(100, 120, 300), restored.table().timeouts());
        assertEquals(1, restored.table().daemons().size());
    }

    @Test
    void setTimeoutsKeepsEveryValueGivenAsZero() {
        assertEquals(new Reply.CurrentTimeouts(new Timeouts(900, 120, 300)), manager.handle(new Query.GetTimeouts()));
        ok(new Command.SetTimeouts(new Timeouts(0, 30, 0)));
        ok(new Command.SetTimeouts(new Timeouts(0, 0, 60)));

        assertEquals(new Reply.CurrentTimeouts(new Timeouts(900, 30, 60)), manager.handle(new Query.GetTimeouts()));
    }

    @Test
    void startDaemonPassesTheKernelsChecksAndIsThenRefusedNamingTheMissingDaemonStoringNothing() {
        List<Command> told = new ArrayList<>();
        manager.addListener((applied, table) -> told.add(applied));

        Reply reply = manager.handle(new Command.StartDaemon(daemon(SyncDaemonSpec.State.BACKUP, "lo")));

        assertEquals(Reply.Failure.jlvs("jlvs has no connection-sync daemon yet (--start-daemon): it comes with"
                + " packet mode and keepalived mode", 0), reply);
        assertEquals(new Reply.Daemons(List.of()), manager.handle(new Query.GetDaemons()));
        assertSame(ServiceTable.EMPTY, manager.table());
        assertTrue(told.isEmpty());
        // the kernel's own checks still come first
        assertEquals(new Reply.Failure(IpvsError.NO_SUCH_DEVICE, 0),
                manager.handle(new Command.StartDaemon(daemon(SyncDaemonSpec.State.BACKUP, "eth9"))));
    }

    @Test
    void stopDaemonSaysNoDaemonIsRunning() {
        manager.handle(new Command.StartDaemon(daemon(SyncDaemonSpec.State.MASTER, "eth0")));

        assertEquals(new Reply.Failure(IpvsError.DAEMON_NOT_RUNNING, 0),
                manager.handle(new Command.StopDaemon(SyncDaemonSpec.State.MASTER)));
    }

    @Test
    void anIpv6TunnelledRealServerMayServeAnIpv4Service() {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddDest(WEB, dest("2001:db8::2", 80, ForwardMethod.TUNNEL, 1)));

        assertEquals(1, manager.table().find(WEB).orElseThrow().destinations().size());
    }

    @Test
    void aServiceWithoutASchedulerIsAcceptedAndListedAsNone() {
        ok(new Command.AddService(service(WEB, "none")));

        Reply.Services services = (Reply.Services) manager.handle(new Query.GetServices(WEB));
        assertEquals("none", services.services().getFirst().spec().scheduler());
    }

    @Test
    void theSipPersistenceEngineIsRefusedNamingWhatIsMissingAndNothingIsStored() {
        ServiceKey sip = udp("10.0.0.1", 5060);
        List<Command> told = new ArrayList<>();
        manager.addListener((applied, table) -> told.add(applied));

        Reply add = manager.handle(new Command.AddService(persistent(sip, "sip")));
        ok(new Command.AddService(persistent(sip, "")));
        Reply edit = manager.handle(new Command.EditService(persistent(sip, "sip")));

        String missing = "jlvs has no SIP persistence engine (--pe sip): persistence engines are not implemented";
        assertEquals(Reply.Failure.jlvs(missing, 0), add);
        assertEquals(Reply.Failure.jlvs(missing, 0), edit);
        assertEquals("", manager.table().find(sip).orElseThrow().spec().persistenceEngine());
        assertEquals(List.of(new Command.AddService(persistent(sip, ""))), told);
    }

    @Test
    void anUnknownPersistenceEngineIsRefusedAsTheKernelRefusesIt() {
        assertEquals(new Reply.Failure(IpvsError.SCHEDULER_NOT_FOUND, 0),
                manager.handle(new Command.AddService(persistent(udp("10.0.0.1", 5060), "nosuch"))));
    }

    @Test
    void aBatchStopsAtTheFirstRefusalAndKeepsWhatCameBefore() {
        List<Command> told = new ArrayList<>();
        manager.addListener((applied, table) -> told.add(applied));
        Command a = new Command.AddService(service(tcp("10.0.0.1", 80)));
        Command b = new Command.AddService(service(tcp("10.0.0.2", 80)));
        Command c = new Command.AddService(service(tcp("10.0.0.3", 80)));

        Reply reply = manager.handle(new Command.Batch(List.of(a, b, a, c)));

        assertEquals(new Reply.Failure(IpvsError.SERVICE_EXISTS, 2), reply);
        assertEquals(List.of(tcp("10.0.0.1", 80), tcp("10.0.0.2", 80)),
                manager.table().services().stream().map(ServiceEntry::key).toList());
        assertEquals(List.of(a, b), told);
    }

    @Test
    void aBatchThatFailsFirstChangesNothing() {
        ok(new Command.AddService(service(WEB)));
        ServiceTable before = manager.table();

        Reply reply = manager.handle(new Command.Batch(List.of(new Command.DelService(tcp("10.9.9.9", 1)),
                new Command.Flush())));

        assertEquals(new Reply.Failure(IpvsError.NO_SUCH_SERVICE, 0), reply);
        assertSame(before, manager.table());
    }

    @Test
    void listenersHearEachAppliedMemberOfABatchWithTheTableAfterTheBatch() {
        List<ServiceTable> tables = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        manager.addListener((applied, table) -> {
            commands.add(applied);
            tables.add(table);
        });
        Command add = new Command.AddService(service(WEB));
        Command addDest = new Command.AddDest(WEB, dest("192.168.1.1", 80));

        ok(new Command.Batch(List.of(add, addDest)));

        assertEquals(List.of(add, addDest), commands);
        assertEquals(List.of(manager.table(), manager.table()), tables);
        assertEquals(1, manager.table().find(WEB).orElseThrow().destinations().size());
    }

    @Test
    void listenersHearThatARequestIsCompleteAfterItsLastCommand() {
        List<String> events = new ArrayList<>();
        manager.addListener(new ServiceTableListener() {
            @Override
            public void tableChanged(Command applied, ServiceTable table) {
                events.add(applied.getClass().getSimpleName());
            }

            @Override
            public void requestApplied() {
                events.add("done");
            }
        });

        ok(new Command.Batch(List.of(new Command.AddService(service(WEB)), new Command.AddDest(WEB, dest("192.168.1.1", 80)))));
        ok(new Command.Flush());

        assertEquals(List.of("AddService", "AddDest", "done", "Flush", "done"), events);
    }

    @Test
    void aTableThatCannotBePersistedIsNotAppliedNorPublished() {
        ServiceManager failing = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), (applied, next) -> {
            throw new IOException("disk full");
        });
        List<Command> told = new ArrayList<>();
        failing.addListener((applied, table) -> told.add(applied));

        assertThrows(UncheckedIOException.class, () -> failing.handle(new Command.AddService(service(WEB))));
        assertSame(ServiceTable.EMPTY, failing.table());
        assertTrue(told.isEmpty());
    }

    @Test
    void everyAcceptedChangeIsSavedOncePerRequest() {
        List<ServiceTable> saved = new ArrayList<>();
        ServiceManager saving = new ServiceManager(ServiceTable.EMPTY, TestTables.host(),
                (applied, next) -> saved.add(next));

        saving.handle(new Command.Batch(List.of(new Command.AddService(service(WEB)),
                new Command.AddDest(WEB, dest("192.168.1.1", 80)))));
        saving.handle(new Command.DelService(tcp("10.9.9.9", 1)));

        assertEquals(List.of(saving.table()), saved);
    }

    @Test
    void listingWithoutSortingFollowsTheKernelsHashBuckets() {
        // Buckets (netns term 0): TCP 10.0.0.1:80 -> 6^0x01^0^0x50 = 87; TCP 10.0.1.1:80 -> 87 too;
        // UDP 10.0.0.1:80 -> 0x11^0x01^0x50 = 64; TCP [2001:db8::1]:8080 -> 6^0xb9^0x1f^0x90 = 48
        // (the four words fold to 0x20010db9).
        // Marks: 300 -> 44, 1 -> 1, 257 -> 1. Address table first, then the fwmark table.
        ServiceKey tcpA = tcp("10.0.0.1", 80);
        ServiceKey tcpB = tcp("10.0.1.1", 80);
        ServiceKey udpA = udp("10.0.0.1", 80);
        ServiceKey v6 = tcp("2001:db8::1", 8080);
        for (ServiceKey key : List.of(mark(300), mark(1), tcpA, v6, udpA, tcpB, mark(257))) {
            ok(new Command.AddService(service(key)));
        }

        assertEquals(List.of(v6, udpA, tcpB, tcpA, mark(257), mark(1), mark(300)), listedKeys());
    }

    @Test
    void theBucketFunctionMatchesHandComputedKernelHashes() {
        assertEquals(87, KernelHashOrder.addressBucket((ServiceKey.Address) tcp("10.0.0.1", 80)));
        assertEquals(64, KernelHashOrder.addressBucket((ServiceKey.Address) udp("10.0.0.1", 80)));
        assertEquals(48, KernelHashOrder.addressBucket((ServiceKey.Address) tcp("2001:db8::1", 8080)));
        // 192.168.0.10:443: 6 ^ 0x0a ^ (443 >> 8 = 1) ^ (443 & 0xff = 0xbb) = 0xb6.
        assertEquals(0xb6, KernelHashOrder.addressBucket((ServiceKey.Address) tcp("192.168.0.10", 443)));
    }

    @Test
    void queriesReportWhatTheEngineSuppliesAndZerosWithout() {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddDest(WEB, dest("192.168.1.1", 80)));
        ServiceStatus zero = ((Reply.Services) manager.handle(new Query.GetServices(WEB))).services().getFirst();
        assertEquals(TrafficStats.ZERO, zero.stats());
        assertEquals(new DestinationStatus(dest("192.168.1.1", 80), 0, 0, 0, TrafficStats.ZERO, TrafficRates.ZERO),
                zero.destinations().getFirst());

        TrafficStats stats = new TrafficStats(5, 10, 9, 1000, 900);
        ConnectionEntry entry = new ConnectionEntry("TCP", 1000, "ESTABLISHED", ip("10.1.1.1"), 5000, ip("10.0.0.1"),
                80, ip("192.168.1.1"), 80, "", "");
        manager.trafficSource(new TrafficSource() {
            @Override
            public ServiceCounters service(ServiceKey key) {
                return new ServiceCounters(stats, TrafficRates.ZERO);
            }

            @Override
            public DestinationCounters destination(ServiceKey key, InetAddress address, int port) {
                return new DestinationCounters(3, 2, 1, stats, TrafficRates.ZERO);
            }

            @Override
            public List<ConnectionEntry> connections() {
                return List.of(entry);
            }
        });

        Reply.Services services = (Reply.Services) manager.handle(new Query.GetServices(null));
        assertEquals(ServiceManager.CONNECTION_TABLE_SIZE, services.connectionTableSize());
        assertEquals(4096, services.connectionTableSize());
        assertEquals(stats, services.services().getFirst().stats());
        assertEquals(3, services.services().getFirst().destinations().getFirst().activeConns());
        assertEquals(new Reply.Connections(List.of(entry)), manager.handle(new Query.GetConnections()));
    }

    @Test
    void withoutAnEngineThereAreNoConnections() {
        assertEquals(new Reply.Connections(List.of()), manager.handle(new Query.GetConnections()));
    }

    @Test
    void zeroOfAnExistingServiceOrOfAllIsAcceptedAndPublished() {
        List<Command> told = new ArrayList<>();
        manager.addListener((applied, table) -> told.add(applied));
        ok(new Command.AddService(service(WEB)));
        ok(new Command.Zero(WEB));
        ok(new Command.Zero(null));

        assertEquals(List.of(new Command.AddService(service(WEB)), new Command.Zero(WEB), new Command.Zero(null)), told);
    }
}
