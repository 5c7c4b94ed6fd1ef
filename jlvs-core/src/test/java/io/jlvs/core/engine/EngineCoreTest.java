package io.jlvs.core.engine;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.conn.ConnectionScheduler;
import io.jlvs.core.conn.ConnectionSnapshot;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.testkit.FakeClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one engine core: commands applied whole or refused whole, -s none as the kernel, time injected, paging. */
class EngineCoreTest {
    private static final ServiceKey.Address WEB = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);

    private final FakeClock clock = new FakeClock(1_000_000_000L);
    private final EngineCore core = new EngineCore(SchedulerContext.standard(), ConnectionOptions.DEFAULT, 64,
            1 << 20, clock::nanos);

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    static ServiceSpec spec(ServiceKey key, String scheduler, int flags) {
        return new ServiceSpec(key, scheduler, flags, 300, ServiceSpec.DEFAULT_NETMASK_V4, "");
    }

    static DestinationSpec dest(String address) {
        return DestinationSpec.of(ip(address), 80, ForwardMethod.MASQ, 1);
    }

    private int connect(String client, int port) {
        core.flow().set(Protocol.TCP, ip(client), port, WEB.address(), WEB.port());
        VirtualService service = core.lookup(Protocol.TCP, WEB.address(), WEB.port(), 0);
        return core.schedule(service, core.flow());
    }

    @Test
    void aServiceWithoutASchedulerPlacesNoNewConnection() {
        core.apply(new EngineCommand.AddService(spec(WEB, "none", 0)));
        core.apply(new EngineCommand.AddDestination(WEB, dest("192.168.1.1")));

        assertEquals(ConnectionScheduler.NO_DESTINATION, connect("172.16.0.1", 40000));
        assertEquals("none", core.snapshot().service(WEB).spec().scheduler());
    }

    @Test
    void withoutASchedulerOnlyAPersistenceTemplatePlacesAConnection() {
        core.apply(new EngineCommand.AddService(spec(WEB, "rr", ServiceFlags.PERSISTENT)));
        core.apply(new EngineCommand.AddDestination(WEB, dest("192.168.1.1")));
        int first = connect("172.16.0.1", 40000);
        assertTrue(first >= 0);
        RealServer server = core.table().destination(first);

        core.apply(new EngineCommand.EditService(spec(WEB, "none", ServiceFlags.PERSISTENT)));

        int again = connect("172.16.0.1", 40001);
        assertTrue(again >= 0, "the template still places the client");
        assertEquals(server, core.table().destination(again));
        assertEquals(ConnectionScheduler.NO_DESTINATION, connect("172.16.0.2", 40000), "no template: no server");
    }

    @Test
    void aRefusedCommandChangesNothing() {
        core.apply(new EngineCommand.AddService(spec(WEB, "rr", 0)));
        core.apply(new EngineCommand.AddDestination(WEB, dest("192.168.1.1")));
        TableSnapshot before = core.snapshot();
        ServiceKey other = new ServiceKey.Address(Protocol.UDP, ip("10.0.0.2"), 53);

        List<EngineCommand> refused = List.of(
                new EngineCommand.AddService(spec(WEB, "rr", 0)),
                new EngineCommand.AddService(spec(other, "nosuch", 0)),
                new EngineCommand.AddService(new ServiceSpec(other, "rr", ServiceFlags.PERSISTENT, 300, -1, "sip")),
                new EngineCommand.EditService(spec(other, "rr", 0)),
                new EngineCommand.EditService(spec(WEB, "nosuch", 0)),
                new EngineCommand.DeleteService(other),
                new EngineCommand.AddDestination(WEB, dest("192.168.1.1")),
                new EngineCommand.EditDestination(WEB, dest("192.168.1.2")),
                new EngineCommand.DeleteDestination(WEB, ip("192.168.1.2"), 80),
                new EngineCommand.Zero(other),
                new EngineCommand.LoadTable(List.of(new ServiceConfig(spec(other, "rr", 0), List.of()),
                        new ServiceConfig(spec(other, "rr", 0), List.of())), Timeouts.DEFAULT));
        for (EngineCommand command : refused) {
            assertThrows(EngineRejection.class, () -> core.apply(command), command::toString);
            assertEquals(before, core.snapshot(), command::toString);
        }
    }

    @Test
    void aRefusalNamesTheEntry() {
        ServiceKey sip = new ServiceKey.Address(Protocol.UDP, ip("10.0.0.2"), 5060);
        EngineRejection e = assertThrows(EngineRejection.class, () -> core.apply(new EngineCommand.LoadTable(
                List.of(new ServiceConfig(new ServiceSpec(sip, "rr", ServiceFlags.PERSISTENT, 300, -1, "sip"),
                        List.of())), Timeouts.DEFAULT)));
        assertEquals("UDP 10.0.0.2:5060: jlvs has no SIP persistence engine (--pe sip): persistence engines are"
                + " not implemented", e.getMessage());
    }

    @Test
    void aLoadedTableWithARealServerTwiceInOneServiceIsRefusedNamingItAndChangesNothing() {
        core.apply(new EngineCommand.AddService(spec(WEB, "rr", 0)));
        TableSnapshot before = core.snapshot();
        ServiceKey other = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.2"), 80);
        // the same server in two services is fine; twice in one is not
        List<ServiceConfig> table = List.of(new ServiceConfig(spec(WEB, "rr", 0), List.of(dest("192.168.1.1"))),
                new ServiceConfig(spec(other, "rr", 0), List.of(dest("192.168.1.1"), dest("192.168.1.2"),
                        dest("192.168.1.1"))));

        EngineRejection e = assertThrows(EngineRejection.class,
                () -> core.apply(new EngineCommand.LoadTable(table, Timeouts.DEFAULT)));

        assertEquals("TCP 10.0.0.2:80: real server 192.168.1.1:80 appears twice", e.getMessage());
        assertEquals(before, core.snapshot());
    }

    @Test
    void loadingATableReplacesEveryServiceAndKeepsTheOrderOfRealServers() {
        core.apply(new EngineCommand.AddService(spec(new ServiceKey.Mark(io.jlvs.core.model.AddressFamily.INET, 3),
                "wlc", 0)));
        List<ServiceConfig> table = List.of(new ServiceConfig(spec(WEB, "wrr", 0),
                List.of(dest("192.168.1.3"), dest("192.168.1.2"), dest("192.168.1.1"))));

        core.apply(new EngineCommand.LoadTable(table, new Timeouts(10, 20, 30)));

        assertEquals(table, core.snapshot().configs());
        assertEquals(new Timeouts(10, 20, 30), core.snapshot().timeouts());
    }

    @Test
    void entriesExpireOnTheInjectedClock() {
        core.apply(new EngineCommand.AddService(spec(WEB, "rr", 0)));
        core.apply(new EngineCommand.AddDestination(WEB, dest("192.168.1.1")));
        connect("172.16.0.1", 40000);
        assertEquals(1, core.connectionEntries());

        core.tick();
        assertEquals(1, core.connectionEntries(), "nothing happens while the clock stands still");
        clock.advanceSeconds(61); // past SYN_RECV's 60 s
        core.tick();
        assertEquals(0, core.connectionEntries());
    }

    @Test
    void aLargeTableIsCopiedInShortPagesThatTogetherListEveryEntry() {
        core.apply(new EngineCommand.AddService(spec(WEB, "rr", 0)));
        core.apply(new EngineCommand.AddDestination(WEB, dest("192.168.1.1")));
        int entries = 50_000;
        for (int i = 0; i < entries; i++) {
            connect("172.16." + (i >> 16 & 255) + "." + (i >> 8 & 255), 1024 + (i & 255));
        }
        List<ConnectionSnapshot> whole = new ArrayList<>();
        core.table().forEach(core.now(), whole::add);

        ConnectionPage page = new ConnectionPage(1000, 4096);
        List<ConnectionSnapshot> paged = new ArrayList<>();
        int pages = 0;
        int next = 0;
        do {
            next = core.copyConnections(page, next);
            pages++;
            assertTrue(page.rows() <= 1000);
            assertTrue(page.slotsLookedAt() <= 4096);
            for (int r = 0; r < page.rows(); r++) {
                paged.add(page.snapshot(r));
            }
        } while (next != ConnectionPage.END);

        assertEquals(entries, whole.size());
        assertEquals(whole, paged);
        assertTrue(pages >= entries / 1000, "pages: " + pages);
    }

    @Test
    void anEmptyTableIsOnePage() {
        ConnectionPage page = new ConnectionPage(10, 1 << 20);
        assertEquals(ConnectionPage.END, core.copyConnections(page, 0));
        assertEquals(0, page.rows());
        assertNull(core.snapshot().service(WEB));
    }
}
