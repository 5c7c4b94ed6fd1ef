package io.jlvs.core.service;

import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.core.engine.ServiceConfig;
import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.sched.SchedulerContext;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A service's FULLNAT local addresses in the engine core: kept in the order added, handed out round
 * robin (a deletion moves the turn on to the next), as address words, and loaded and refused whole.
 */
class LocalAddressPoolTest {
    private static final ServiceKey WEB = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
    private static final ServiceKey WEB6 = new ServiceKey.Address(Protocol.TCP, ip("2001:db8::1"), 443);

    private final EngineCore core = new EngineCore(SchedulerContext.standard(), ConnectionOptions.DEFAULT, 16, 1024,
            () -> 0L);

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static ServiceSpec spec(ServiceKey key) {
        return new ServiceSpec(key, "rr", 0, 0, ServiceSpec.DEFAULT_NETMASK_V4, "");
    }

    private VirtualService service(ServiceKey key) {
        ServiceKey.Address a = (ServiceKey.Address) key;
        return core.lookup(a.protocol(), a.address(), a.port(), 0);
    }

    private List<String> turns(VirtualService service, int n) {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(service.nextLocalAddress().address().getHostAddress());
        }
        return taken;
    }

    @Test
    void addressesAreHandedOutInTurnAndADeletionPassesTheTurnOn() {
        core.apply(new EngineCommand.AddService(spec(WEB)));
        assertNull(service(WEB).nextLocalAddress(), "no local address, none handed out");
        for (String local : List.of("192.168.0.1", "192.168.0.2", "192.168.0.3")) {
            core.apply(new EngineCommand.AddLocalAddress(WEB, ip(local)));
        }
        VirtualService web = service(WEB);

        assertEquals(List.of("192.168.0.1", "192.168.0.2"), turns(web, 2));
        core.apply(new EngineCommand.DeleteLocalAddress(WEB, ip("192.168.0.3")));
        assertEquals(List.of("192.168.0.1", "192.168.0.2", "192.168.0.1"), turns(web, 3));
        core.apply(new EngineCommand.DeleteLocalAddress(WEB, ip("192.168.0.1")));
        assertEquals(List.of("192.168.0.2", "192.168.0.2"), turns(web, 2));
    }

    @Test
    void anAddressIsReadAsTheWordsThePacketEngineHashes() {
        core.apply(new EngineCommand.AddService(spec(WEB6)));
        core.apply(new EngineCommand.AddLocalAddress(WEB6, ip("2001:db8::a:b")));
        core.apply(new EngineCommand.AddService(spec(WEB)));
        core.apply(new EngineCommand.AddLocalAddress(WEB, ip("192.168.0.1")));

        LocalAddress v6 = service(WEB6).localAddress(0);
        assertEquals(List.of(0x20010db8, 0, 0, 0x000a000b), List.of(v6.word(0), v6.word(1), v6.word(2), v6.word(3)));
        LocalAddress v4 = service(WEB).localAddress(0);
        assertEquals(List.of(0xC0A80001, 0, 0, 0), List.of(v4.word(0), v4.word(1), v4.word(2), v4.word(3)));
    }

    @Test
    void aDuplicateOrMissingAddressIsRefusedWithNothingChanged() {
        core.apply(new EngineCommand.AddService(spec(WEB)));
        core.apply(new EngineCommand.AddLocalAddress(WEB, ip("192.168.0.1")));

        EngineRejection twice = assertThrows(EngineRejection.class,
                () -> core.apply(new EngineCommand.AddLocalAddress(WEB, ip("192.168.0.1"))));
        assertEquals("TCP 10.0.0.1:80: local address 192.168.0.1 exists already", twice.getMessage());
        EngineRejection missing = assertThrows(EngineRejection.class,
                () -> core.apply(new EngineCommand.DeleteLocalAddress(WEB, ip("192.168.0.9"))));
        assertEquals("TCP 10.0.0.1:80: no local address 192.168.0.9", missing.getMessage());
        assertEquals(List.of(ip("192.168.0.1")), core.snapshot().configs().getFirst().localAddresses());
    }

    @Test
    void aLoadedTableKeepsEachServicesAddressesInOrderAndATableWithADuplicateIsRefusedWhole() {
        core.apply(new EngineCommand.AddService(spec(WEB6)));
        List<ServiceConfig> table = List.of(new ServiceConfig(spec(WEB), List.of(),
                List.of(ip("192.168.0.2"), ip("192.168.0.1"))));
        core.apply(new EngineCommand.LoadTable(table, Timeouts.DEFAULT));
        assertEquals(table, core.snapshot().configs());

        List<ServiceConfig> twice = List.of(new ServiceConfig(spec(WEB6), List.of(),
                List.of(ip("2001:db8::a"), ip("2001:db8::a"))));
        EngineRejection refused = assertThrows(EngineRejection.class,
                () -> core.apply(new EngineCommand.LoadTable(twice, Timeouts.DEFAULT)));
        assertEquals("TCP [2001:db8:0:0:0:0:0:1]:443: a local address appears twice", refused.getMessage());
        assertEquals(table, core.snapshot().configs());
    }
}
