package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.jlvs.control.TestTables.daemon;
import static io.jlvs.control.TestTables.dest;
import static io.jlvs.control.TestTables.gue;
import static io.jlvs.control.TestTables.ip;
import static io.jlvs.control.TestTables.mark;
import static io.jlvs.control.TestTables.persistent;
import static io.jlvs.control.TestTables.service;
import static io.jlvs.control.TestTables.tcp;
import static io.jlvs.control.TestTables.thresholds;
import static io.jlvs.control.TestTables.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way the table refuses a command, with ipvsadm's message, and that a refused command
 * leaves the table exactly as it was and tells no listener.
 */
class ServiceManagerErrorsTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);
    private static final ServiceKey WEB6 = tcp("2001:db8::1", 80);
    private static final ServiceKey MISSING = tcp("10.0.0.9", 80);
    private static final SyncDaemonSpec.State MASTER = SyncDaemonSpec.State.MASTER;

    /** A table with WEB and its one real server, 192.168.1.1:80. */
    private static List<Command> webWithOneServer() {
        return List.of(new Command.AddService(service(WEB)),
                new Command.AddDest(WEB, dest("192.168.1.1", 80)));
    }

    private static List<Command> plus(List<Command> base, Command... more) {
        List<Command> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    static Stream<Arguments> refusals() {
        List<Command> web = webWithOneServer();
        return Stream.of(
                Arguments.of("-A of an existing service", web,
                        new Command.AddService(service(WEB)), IpvsError.SERVICE_EXISTS),
                Arguments.of("-A with an unknown scheduler", List.of(),
                        new Command.AddService(service(WEB, "no-such-sched")), IpvsError.SCHEDULER_NOT_FOUND),
                Arguments.of("-A with an unknown persistence engine", List.of(),
                        new Command.AddService(persistent(WEB, "http")), IpvsError.SCHEDULER_NOT_FOUND),
                Arguments.of("-A with a scheduler name longer than 15 bytes", List.of(),
                        new Command.AddService(service(WEB, "abcdefghijklmnop")), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A with a too-long name is EINVAL before EEXIST", web,
                        new Command.AddService(service(WEB, "abcdefghijklmnop")), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A of an existing service is EEXIST before the scheduler lookup", web,
                        new Command.AddService(service(WEB, "no-such-sched")), IpvsError.SERVICE_EXISTS),
                Arguments.of("-A of an IPv6 service with prefix length 0", List.of(),
                        new Command.AddService(new ServiceSpec(WEB6, "none", 0, 0, 0, "")), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A of an IPv6 service with prefix length 129", List.of(),
                        new Command.AddService(new ServiceSpec(WEB6, "none", 0, 0, 129, "")), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A of an IPv6 fwmark service with prefix length 0", List.of(),
                        new Command.AddService(new ServiceSpec(new ServiceKey.Mark(AddressFamily.INET6, 1), "none", 0, 0, 0, "")),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A of a UDP service with a PROXY protocol header", List.of(),
                        new Command.AddService(service(udp("10.0.0.1", 53)).withProxyProtocol(ProxyProtocol.V1)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A of a SCTP service with a PROXY protocol header", List.of(),
                        new Command.AddService(service(new ServiceKey.Address(Protocol.SCTP, ip("10.0.0.1"), 80))
                                .withProxyProtocol(ProxyProtocol.V2)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A of a fwmark service with a PROXY protocol header", List.of(),
                        new Command.AddService(service(mark(1)).withProxyProtocol(ProxyProtocol.V2)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-A of an existing UDP service with a PROXY protocol header is EINVAL before EEXIST",
                        List.of(new Command.AddService(service(udp("10.0.0.1", 53)))),
                        new Command.AddService(service(udp("10.0.0.1", 53)).withProxyProtocol(ProxyProtocol.V1)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-E of a UDP service to a PROXY protocol header",
                        List.of(new Command.AddService(service(udp("10.0.0.1", 53)))),
                        new Command.EditService(service(udp("10.0.0.1", 53)).withProxyProtocol(ProxyProtocol.V2)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-E of a missing service", web,
                        new Command.EditService(service(MISSING)), IpvsError.NO_SUCH_SERVICE),
                Arguments.of("-E with an unknown scheduler", web,
                        new Command.EditService(service(WEB, "no-such-sched")), IpvsError.SCHEDULER_NOT_FOUND),
                Arguments.of("-E with an unknown persistence engine", web,
                        new Command.EditService(persistent(WEB, "http")), IpvsError.SCHEDULER_NOT_FOUND),
                Arguments.of("-D of a missing service", web,
                        new Command.DelService(MISSING), IpvsError.NO_SUCH_SERVICE),
                Arguments.of("-D of a fwmark service that does not exist", web,
                        new Command.DelService(mark(1)), IpvsError.NO_SUCH_SERVICE),
                Arguments.of("-Z of a missing service", web,
                        new Command.Zero(MISSING), IpvsError.NO_SUCH_SERVICE),
                Arguments.of("-a to a missing service", web,
                        new Command.AddDest(MISSING, dest("192.168.1.2", 80)), IpvsError.SERVICE_NOT_DEFINED),
                Arguments.of("-e in a missing service", web,
                        new Command.EditDest(MISSING, dest("192.168.1.1", 80)), IpvsError.SERVICE_NOT_DEFINED),
                Arguments.of("-d from a missing service", web,
                        new Command.DelDest(MISSING, ip("192.168.1.1"), 80), IpvsError.SERVICE_NOT_DEFINED),
                Arguments.of("-a of an existing real server", web,
                        new Command.AddDest(WEB, dest("192.168.1.1", 80, ForwardMethod.DROUTE, 5)),
                        IpvsError.DESTINATION_EXISTS),
                Arguments.of("-e of a missing real server", web,
                        new Command.EditDest(WEB, dest("192.168.1.1", 81)), IpvsError.NO_SUCH_DESTINATION),
                Arguments.of("-d of a missing real server", web,
                        new Command.DelDest(WEB, ip("192.168.1.2"), 80), IpvsError.NO_SUCH_DESTINATION),
                Arguments.of("-a with a negative weight", web,
                        new Command.AddDest(WEB, dest("192.168.1.2", 80, ForwardMethod.MASQ, -1)),
                        IpvsError.OUT_OF_RANGE),
                Arguments.of("-a with a negative weight is ERANGE before EEXIST", web,
                        new Command.AddDest(WEB, dest("192.168.1.1", 80, ForwardMethod.MASQ, -1)),
                        IpvsError.OUT_OF_RANGE),
                Arguments.of("-e with a negative weight is ERANGE before ENOENT", web,
                        new Command.EditDest(WEB, dest("192.168.1.9", 80, ForwardMethod.MASQ, -1)),
                        IpvsError.OUT_OF_RANGE),
                Arguments.of("-a with the lower threshold above the upper", web,
                        new Command.AddDest(WEB, thresholds("192.168.1.2", 80, 10, 11)), IpvsError.OUT_OF_RANGE),
                Arguments.of("-e with the lower threshold above the upper", web,
                        new Command.EditDest(WEB, thresholds("192.168.1.1", 80, 10, 11)), IpvsError.OUT_OF_RANGE),
                Arguments.of("-a with an upper threshold above INT_MAX", web,
                        new Command.AddDest(WEB, thresholds("192.168.1.2", 80, 0x8000_0000, 0)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of a GUE tunnel without a tunnel port", web,
                        new Command.AddDest(WEB, gue("192.168.1.2", 80, 0)), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of a multicast real server", web,
                        new Command.AddDest(WEB, dest("224.1.2.3", 80)), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of 0.0.0.0", web,
                        new Command.AddDest(WEB, dest("0.0.0.0", 80)), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of the limited broadcast address", web,
                        new Command.AddDest(WEB, dest("255.255.255.255", 80)), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of a non-local IPv6 link-local real server", List.of(new Command.AddService(service(WEB6))),
                        new Command.AddDest(WEB6, dest("fe80::1", 80)), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of an IPv6 multicast real server", List.of(new Command.AddService(service(WEB6))),
                        new Command.AddDest(WEB6, dest("ff02::1", 80)), IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of an IPv6 server to an IPv4 service by direct routing", web,
                        new Command.AddDest(WEB, dest("2001:db8::2", 80, ForwardMethod.DROUTE, 1)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("-a of an IPv6 tunnelled server to an IPv4 service while a sync daemon runs",
                        plus(web, new Command.StartDaemon(daemon(MASTER, "eth0"))),
                        new Command.AddDest(WEB, dest("2001:db8::2", 80, ForwardMethod.TUNNEL, 1)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("--set above INT_MAX / HZ", web,
                        new Command.SetTimeouts(new Timeouts(KernelRules.MAX_TIMEOUT_SECONDS + 1, 0, 0)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("--start-daemon when that daemon runs", plus(web, new Command.StartDaemon(daemon(MASTER, "eth0"))),
                        new Command.StartDaemon(daemon(MASTER, "lo")), IpvsError.DAEMON_RUNNING),
                Arguments.of("--start-daemon on a missing interface", web,
                        new Command.StartDaemon(daemon(MASTER, "eth9")), IpvsError.NO_SUCH_DEVICE),
                Arguments.of("--start-daemon on a missing interface is ENODEV before EEXIST",
                        plus(web, new Command.StartDaemon(daemon(MASTER, "eth0"))),
                        new Command.StartDaemon(daemon(MASTER, "eth9")), IpvsError.NO_SUCH_DEVICE),
                Arguments.of("--start-daemon with an interface name longer than 15 bytes", web,
                        new Command.StartDaemon(daemon(MASTER, "abcdefghijklmnop")), IpvsError.INVALID_ARGUMENT),
                Arguments.of("--start-daemon with a unicast group", web,
                        new Command.StartDaemon(new SyncDaemonSpec(MASTER, "eth0", 1, 0, "10.1.1.1", 0, 0)),
                        IpvsError.INVALID_ARGUMENT),
                Arguments.of("--start-daemon while a real server has another family than its service",
                        plus(web, new Command.AddDest(WEB, dest("2001:db8::2", 80, ForwardMethod.TUNNEL, 1))),
                        new Command.StartDaemon(daemon(MASTER, "eth0")), IpvsError.INVALID_ARGUMENT),
                Arguments.of("--stop-daemon when none runs", web,
                        new Command.StopDaemon(MASTER), IpvsError.DAEMON_NOT_RUNNING),
                Arguments.of("--stop-daemon backup when only the master runs",
                        plus(web, new Command.StartDaemon(daemon(MASTER, "eth0"))),
                        new Command.StopDaemon(SyncDaemonSpec.State.BACKUP), IpvsError.DAEMON_NOT_RUNNING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedCommandGivesIpvsadmsMessageAndChangesNothing(String description, List<Command> setup,
                                                               Command command, IpvsError expected) {
        // jlvs refuses --start-daemon, so a running daemon can only come with a restored table.
        ServiceTable start = ServiceTable.EMPTY;
        for (Command c : setup) {
            if (c instanceof Command.StartDaemon d) {
                start = start.withDaemonStarted(d.daemon());
            }
        }
        ServiceManager manager = new ServiceManager(start, TestTables.host(), TableStore.NONE);
        for (Command c : setup) {
            if (!(c instanceof Command.StartDaemon)) {
                assertEquals(new Reply.Ok(), manager.handle(c), () -> "setup " + c);
            }
        }
        ServiceTable before = manager.table();
        List<Command> told = new ArrayList<>();
        manager.addListener((applied, table) -> told.add(applied));

        Reply reply = manager.handle(command);

        assertEquals(new Reply.Failure(expected, 0), reply);
        assertSame(before, manager.table());
        assertTrue(told.isEmpty(), "no listener hears of a refused command");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void theMessagesAreLibipvsText(IpvsError error, String text) {
        assertEquals(text, error.message());
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(IpvsError.SERVICE_EXISTS, "Service already exists"),
                Arguments.of(IpvsError.SCHEDULER_NOT_FOUND, "Scheduler or persistence engine not found"),
                Arguments.of(IpvsError.NO_SUCH_SERVICE, "No such service"),
                Arguments.of(IpvsError.SERVICE_NOT_DEFINED, "Service not defined"),
                Arguments.of(IpvsError.DESTINATION_EXISTS, "Destination already exists"),
                Arguments.of(IpvsError.NO_SUCH_DESTINATION, "No such destination"),
                Arguments.of(IpvsError.DAEMON_RUNNING, "Daemon has already run"),
                Arguments.of(IpvsError.DAEMON_NOT_RUNNING, "No daemon is running"),
                Arguments.of(IpvsError.INVALID_ARGUMENT,
                        "Invalid operation.  Possibly wrong module version, address not unicast, ..."),
                Arguments.of(IpvsError.MEMORY_ALLOCATION, "Memory allocation problem"),
                Arguments.of(IpvsError.OUT_OF_RANGE, "Numerical result out of range"),
                Arguments.of(IpvsError.NO_SUCH_DEVICE, "No such device"));
    }

    @org.junit.jupiter.api.Test
    void listingOneMissingServiceSaysNoSuchService() {
        ServiceManager manager = new ServiceManager(ServiceTable.EMPTY, TestTables.host(), TableStore.NONE);
        manager.handle(new Command.AddService(service(WEB)));

        assertEquals(new Reply.Failure(IpvsError.NO_SUCH_SERVICE, 0), manager.handle(new Query.GetServices(MISSING)));
    }
}
