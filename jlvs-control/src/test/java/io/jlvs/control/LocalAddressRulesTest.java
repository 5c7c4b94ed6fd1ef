package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.LocalEngine;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.VirtualService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.jlvs.control.TestTables.dest;
import static io.jlvs.control.TestTables.ip;
import static io.jlvs.control.TestTables.mark;
import static io.jlvs.control.TestTables.service;
import static io.jlvs.control.TestTables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * FULLNAT local addresses (Alibaba LVS's -P, -Q, -G) through the ServiceManager: the checks of
 * ip_vs_add_laddr and ip_vs_del_laddr with libipvs's messages, and jlvs's own (family, unicast),
 * each refusal changing nothing; the order kept; what -E, -D and -C do to them.
 */
class LocalAddressRulesTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);
    private static final ServiceKey WEB6 = tcp("2001:db8::1", 443);

    private final ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), TableStore.NONE);

    private void ok(Command command) {
        assertEquals(new Reply.Ok(), manager.handle(command), command::toString);
    }

    private List<InetAddress> locals(ServiceKey key) {
        return manager.table().find(key).orElseThrow().localAddresses();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("add to a missing service", new Command.AddLocalAddress(tcp("10.0.0.9", 80),
                        ip("192.168.0.1")), "Service not defined"),
                Arguments.of("delete from a missing service", new Command.DelLocalAddress(tcp("10.0.0.9", 80),
                        ip("192.168.0.1")), "Service not defined"),
                Arguments.of("add one the service has", new Command.AddLocalAddress(WEB, ip("192.168.0.1")),
                        "Local address already exists"),
                Arguments.of("delete one the service lacks", new Command.DelLocalAddress(WEB, ip("192.168.0.7")),
                        "No such Local address"),
                Arguments.of("an IPv6 address for an IPv4 service", new Command.AddLocalAddress(WEB,
                        ip("2001:db8::7")), "Operation not supported with specified address family"),
                Arguments.of("an IPv4 address for an IPv6 service", new Command.AddLocalAddress(WEB6,
                        ip("192.168.0.7")), "Operation not supported with specified address family"),
                Arguments.of("the any address", new Command.AddLocalAddress(WEB, ip("0.0.0.0")),
                        IpvsError.INVALID_ARGUMENT.message()),
                Arguments.of("a multicast address", new Command.AddLocalAddress(WEB, ip("224.0.0.1")),
                        IpvsError.INVALID_ARGUMENT.message()),
                Arguments.of("the broadcast address", new Command.AddLocalAddress(WEB, ip("255.255.255.255")),
                        IpvsError.INVALID_ARGUMENT.message()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedCommandNamesTheProblemAndChangesNothing(String what, Command command, String message) {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddService(service(WEB6)));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.1")));
        ServiceTable before = manager.table();

        Reply reply = manager.handle(command);

        assertEquals(message, ((Reply.Failure) reply).message());
        assertSame(before, manager.table());
    }

    @Test
    void addressesKeepTheOrderAddedAndADeleteTakesOnlyItsOwn() {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.3")));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.1")));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.2")));
        ok(new Command.DelLocalAddress(WEB, ip("192.168.0.1")));

        assertEquals(List.of(ip("192.168.0.3"), ip("192.168.0.2")), locals(WEB));
    }

    @Test
    void anEditKeepsTheAddressesAndADeleteOrClearDropsThem() {
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddDest(WEB, dest("192.168.1.1", 80)));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.1")));
        ok(new Command.EditService(service(WEB, "wrr")));
        assertEquals(List.of(ip("192.168.0.1")), locals(WEB));
        ok(new Command.AddDest(WEB, dest("192.168.1.2", 80)));
        assertEquals(List.of(ip("192.168.0.1")), locals(WEB));

        ok(new Command.DelService(WEB));
        ok(new Command.AddService(service(WEB)));
        assertEquals(List.of(), locals(WEB));

        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.1")));
        ok(new Command.Flush());
        ok(new Command.AddService(service(WEB)));
        assertEquals(List.of(), locals(WEB));
    }

    @Test
    void aFirewallMarkServiceTakesAddressesOfItsFamily() {
        ServiceKey fwm = mark(7);
        ok(new Command.AddService(service(fwm)));
        ok(new Command.AddLocalAddress(fwm, ip("192.168.0.1")));

        assertEquals(List.of(ip("192.168.0.1")), locals(fwm));
    }

    @Test
    void theListingGivesEveryServiceInTheKernelOrderWithItsAddresses() {
        ServiceSpec other = service(tcp("10.0.0.2", 80));
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddService(other));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.2")));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.1")));

        Reply.LocalAddresses all = (Reply.LocalAddresses) manager.handle(new Query.GetLocalAddresses(null));

        List<ServiceKey> kernelOrder = manager.table().kernelOrder().stream().map(ServiceEntry::key).toList();
        assertEquals(kernelOrder, all.services().stream().map(ServiceLocalAddresses::key).toList());
        assertEquals(new Reply.LocalAddresses(List.of(new ServiceLocalAddresses(WEB, List.of(
                        new LocalAddressStatus(ip("192.168.0.2"), 0, 0), new LocalAddressStatus(ip("192.168.0.1"), 0, 0))))),
                manager.handle(new Query.GetLocalAddresses(WEB)));
    }

    @Test
    void withAnEngineAttachedTheListingShowsTheEnginesCounts() {
        EngineCore core = new EngineCore(new SchedulerContext(new SplittableRandom(1)), ConnectionOptions.DEFAULT, 16,
                1024, () -> 0L);
        manager.attach(new LocalEngine("test", core), Duration.ofSeconds(5), Duration.ofSeconds(5));
        ok(new Command.AddService(service(WEB)));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.1")));
        ok(new Command.AddLocalAddress(WEB, ip("192.168.0.2")));
        VirtualService running = core.lookup(Protocol.TCP, ip("10.0.0.1"), 80, 0);
        running.nextLocalAddress().connectionOpened();
        running.nextLocalAddress().conflict();
        running.nextLocalAddress().connectionOpened();

        assertEquals(new Reply.LocalAddresses(List.of(new ServiceLocalAddresses(WEB, List.of(
                        new LocalAddressStatus(ip("192.168.0.1"), 0, 2), new LocalAddressStatus(ip("192.168.0.2"), 1, 0))))),
                manager.handle(new Query.GetLocalAddresses(null)));
    }

    @Test
    void theListingOfAMissingServiceIsRefusedAsIpvsGetServiceIs() {
        Reply reply = manager.handle(new Query.GetLocalAddresses(WEB));

        assertEquals("No such service", ((Reply.Failure) reply).message());
    }
}
