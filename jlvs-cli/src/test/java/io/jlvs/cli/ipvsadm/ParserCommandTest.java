package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelFlags;
import io.jlvs.core.model.TunnelType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.jlvs.cli.ipvsadm.Table.ip;
import static io.jlvs.cli.ipvsadm.Table.tcp;
import static io.jlvs.cli.ipvsadm.Table.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every command and option to the request ipvsadm would make of it. */
class ParserCommandTest {

    private static final int ALL_ONES = 0xFFFFFFFF;
    private static final int P = ServiceFlags.PERSISTENT;
    private static final FixedNames NAMES = new FixedNames().host("www", "10.0.0.1").host("mask24", "255.255.255.0");

    private static ServiceSpec svc(ServiceKey key, String scheduler, int flags, int timeout, int netmask, String pe) {
        return new ServiceSpec(key, scheduler, flags, timeout, netmask, pe);
    }

    private static DestinationSpec dst(String address, int port, ForwardMethod method, int weight) {
        return DestinationSpec.of(ip(address), port, method, weight);
    }

    private static ServiceKey mark(AddressFamily family, int mark) {
        return new ServiceKey.Mark(family, mark);
    }

    static Stream<Arguments> commands() {
        ServiceKey web = tcp("10.0.0.1", 80);
        return Stream.of(
                arguments("-A -t 10.0.0.1:80", new Command.AddService(svc(web, "wlc", 0, 0, ALL_ONES, ""))),
                arguments("--add-service --tcp-service 10.0.0.1:80 --scheduler rr",
                        new Command.AddService(svc(web, "rr", 0, 0, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 -s rr -p", new Command.AddService(svc(web, "rr", P, 360, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 -p -s rr", new Command.AddService(svc(web, "rr", P, 360, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 -p 600", new Command.AddService(svc(web, "wlc", P, 600, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 -p=45", new Command.AddService(svc(web, "wlc", P, 45, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 --persistent=45", new Command.AddService(svc(web, "wlc", P, 45, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:0 -p 600 -M 255.255.255.0",
                        new Command.AddService(svc(tcp("10.0.0.1", 0), "wlc", P, 600, 0xFFFFFF00, ""))),
                arguments("-A -t 10.0.0.1:80 -p -M mask24", new Command.AddService(svc(web, "wlc", P, 360, 0xFFFFFF00, ""))),
                arguments("-A -u 10.0.0.1:53 -o -s sh -b sh-port,sh-fallback", new Command.AddService(
                        svc(udp("10.0.0.1", 53), "sh", ServiceFlags.ONEPACKET | ServiceFlags.SCHED1 | ServiceFlags.SCHED2, 0,
                                ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 -b flag-2,,flag-3",
                        new Command.AddService(svc(web, "wlc", ServiceFlags.SCHED2 | ServiceFlags.SCHED3, 0, ALL_ONES, ""))),
                arguments("-A -b mh-port -t 10.0.0.1:80 -s mh",
                        new Command.AddService(svc(web, "mh", ServiceFlags.SCHED2, 0, ALL_ONES, ""))),
                arguments("--add-service --udp-service=10.0.0.1:domain",
                        new Command.AddService(svc(udp("10.0.0.1", 53), "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-A --sctp-service 10.0.0.1:3868", new Command.AddService(svc(
                        new ServiceKey.Address(Protocol.SCTP, ip("10.0.0.1"), 3868), "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-A -f 42 -6 -p -M 64", new Command.AddService(svc(mark(AddressFamily.INET6, 42), "wlc", P, 360, 64, ""))),
                arguments("-A -f 42", new Command.AddService(svc(mark(AddressFamily.INET, 42), "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-A -f 4294967295", new Command.AddService(svc(mark(AddressFamily.INET, -1), "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-A -t [2001:db8::1]:443 -p 30 -M 48",
                        new Command.AddService(svc(tcp("2001:db8::1", 443), "wlc", P, 30, 48, ""))),
                arguments("-A -t 2001:db8::1 -p", new Command.AddService(svc(tcp("2001:db8::1", 0), "wlc", P, 360, 128, ""))),
                arguments("-A -M 64 -t [2001:db8::1]:80 -p",
                        new Command.AddService(svc(tcp("2001:db8::1", 80), "wlc", P, 360, 128, ""))),
                arguments("-A -t [10.0.0.1]:80 -p", new Command.AddService(svc(tcp("10.0.0.1", 0), "wlc", P, 360, ALL_ONES, ""))),
                arguments("-A -t www:http", new Command.AddService(svc(web, "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-A -t 0x0a.1:80", new Command.AddService(svc(web, "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-At10.0.0.1:80 -srr", new Command.AddService(svc(web, "rr", 0, 0, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 --sort", new Command.AddService(svc(web, "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 -s averyveryverylongname",
                        new Command.AddService(svc(web, "averyveryverylo", 0, 0, ALL_ONES, ""))),
                arguments("-E -t 10.0.0.1:80 -s lc --pe sip -p",
                        new Command.EditService(svc(web, "lc", P, 360, ALL_ONES, "sip"))),
                arguments("--edit-service -t 10.0.0.1:80", new Command.EditService(svc(web, "wlc", 0, 0, ALL_ONES, ""))),
                arguments("-A -t 10.0.0.1:80 --proxy-protocol v1", new Command.AddService(
                        svc(web, "wlc", 0, 0, ALL_ONES, "").withProxyProtocol(ProxyProtocol.V1))),
                arguments("-A --proxy-protocol=v2 -t [2001:db8::1]:443 -s rr -p 60", new Command.AddService(
                        svc(tcp("2001:db8::1", 443), "rr", P, 60, 128, "").withProxyProtocol(ProxyProtocol.V2))),
                arguments("--edit-service -t 10.0.0.1:80 -s sh -b sh-port --proxy-protocol v2", new Command.EditService(
                        svc(web, "sh", ServiceFlags.SCHED2, 0, ALL_ONES, "").withProxyProtocol(ProxyProtocol.V2))),
                arguments("-D -t 10.0.0.1:80", new Command.DelService(web)),
                arguments("--delete-service -f 9 -6", new Command.DelService(mark(AddressFamily.INET6, 9))),
                arguments("-C", new Command.Flush()),
                arguments("--clear", new Command.Flush()),
                arguments("-a -t 10.0.0.1:80 -r 192.168.1.1", new Command.AddDest(web, dst("192.168.1.1", 80, ForwardMethod.DROUTE, 1))),
                arguments("-a -t 10.0.0.1:80 -r 192.168.1.1:8080 -g",
                        new Command.AddDest(web, dst("192.168.1.1", 80, ForwardMethod.DROUTE, 1))),
                arguments("-a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 0 -x 100 -y 50", new Command.AddDest(web,
                        new DestinationSpec(ip("192.168.1.1"), 8080, ForwardMethod.MASQ, 0, 100, 50, TunnelType.IPIP, 0,
                                TunnelFlags.NOCSUM))),
                arguments("--add-server --tcp-service 10.0.0.1:80 --real-server 192.168.1.1:https --masquerading --weight 65535",
                        new Command.AddDest(web, dst("192.168.1.1", 443, ForwardMethod.MASQ, 65535))),
                arguments("-a -t 10.0.0.1:80 -r 192.168.1.1 -i --tun-type gue --tun-port 6080 --tun-csum", new Command.AddDest(web,
                        new DestinationSpec(ip("192.168.1.1"), 80, ForwardMethod.TUNNEL, 1, 0, 0, TunnelType.GUE, 6080,
                                TunnelFlags.CSUM))),
                arguments("-a -t 10.0.0.1:80 -r 192.168.1.1 --ipip --tun-type gre --tun-nocsum", new Command.AddDest(web,
                        new DestinationSpec(ip("192.168.1.1"), 80, ForwardMethod.TUNNEL, 1, 0, 0, TunnelType.GRE, 0,
                                TunnelFlags.NOCSUM))),
                arguments("-a -t 10.0.0.1:80 -r 192.168.1.1:8080 --fullnat -w 3",
                        new Command.AddDest(web, dst("192.168.1.1", 8080, ForwardMethod.FULLNAT, 3))),
                arguments("-a -f 7 -r 192.168.1.1:8080",
                        new Command.AddDest(mark(AddressFamily.INET, 7), dst("192.168.1.1", 8080, ForwardMethod.DROUTE, 1))),
                arguments("-a -f 7 -6 -r 2001:db8::2",
                        new Command.AddDest(mark(AddressFamily.INET6, 7), dst("2001:db8::2", 0, ForwardMethod.DROUTE, 1))),
                arguments("-a -t [2001:db8::1]:80 -r 10.0.0.2 -i", new Command.AddDest(tcp("2001:db8::1", 80),
                        dst("10.0.0.2", 80, ForwardMethod.TUNNEL, 1))),
                arguments("-a -r 192.168.1.1 -t 10.0.0.1:80 -m",
                        new Command.AddDest(web, dst("192.168.1.1", 0, ForwardMethod.MASQ, 1))),
                arguments("-e -t 10.0.0.1:80 -r 192.168.1.1:80",
                        new Command.EditDest(web, dst("192.168.1.1", 80, ForwardMethod.DROUTE, 1))),
                arguments("--edit-server -t 10.0.0.1:80 -r 192.168.1.1:81 -m -w 7",
                        new Command.EditDest(web, dst("192.168.1.1", 81, ForwardMethod.MASQ, 7))),
                arguments("-d -t 10.0.0.1:80 -r 192.168.1.1:8080", new Command.DelDest(web, ip("192.168.1.1"), 8080)),
                arguments("-d -t 10.0.0.1:80 -r 192.168.1.1", new Command.DelDest(web, ip("192.168.1.1"), 80)),
                arguments("--delete-server -t 10.0.0.1:80 -r [2001:db8::5]:80", new Command.DelDest(web, ip("2001:db8::5"), 80)),
                arguments("-Z", new Command.Zero(null)),
                arguments("--zero -t 10.0.0.1:80", new Command.Zero(web)),
                arguments("-Z -t 0.0.0.0:0", new Command.Zero(null)),
                arguments("-Z -f 3", new Command.Zero(mark(AddressFamily.INET, 3))),
                arguments("--set 10 20 30", new Command.SetTimeouts(new Timeouts(10, 20, 30))),
                arguments("--set 0 0 0", new Command.SetTimeouts(new Timeouts(0, 0, 0))),
                arguments("--start-daemon master", new Command.StartDaemon(
                        new SyncDaemonSpec(SyncDaemonSpec.State.MASTER, "eth0", 0, 0, "", 0, 0))),
                arguments("--start-daemon=backup --mcast-interface eth1 --syncid 9 --sync-maxlen 1400 --mcast-group 239.1.2.3"
                        + " --mcast-port 9000 --mcast-ttl 2", new Command.StartDaemon(
                        new SyncDaemonSpec(SyncDaemonSpec.State.BACKUP, "eth1", 9, 1400, "239.1.2.3", 9000, 2))),
                arguments("--start-daemon master --mcast-group ff02:0::0:81", new Command.StartDaemon(
                        new SyncDaemonSpec(SyncDaemonSpec.State.MASTER, "eth0", 0, 0, "ff02::81", 0, 0))),
                arguments("--stop-daemon backup", new Command.StopDaemon(SyncDaemonSpec.State.BACKUP)),
                arguments("--stop-daemon master --syncid 3", new Command.StopDaemon(SyncDaemonSpec.State.MASTER)),
                arguments("-P -t 10.0.0.1:80 -z 192.168.0.10",
                        new Command.AddLocalAddress(tcp("10.0.0.1", 80), ip("192.168.0.10"))),
                arguments("--add-laddr --laddr=192.168.0.10:1234 --tcp-service 10.0.0.1:80",
                        new Command.AddLocalAddress(tcp("10.0.0.1", 80), ip("192.168.0.10"))),
                arguments("-P -t [2001:db8::1]:443 -z 2001:db8::a",
                        new Command.AddLocalAddress(tcp("2001:db8::1", 443), ip("2001:db8::a"))),
                arguments("-P -t [2001:db8::1]:443 -z [2001:db8::a]:0",
                        new Command.AddLocalAddress(tcp("2001:db8::1", 443), ip("2001:db8::a"))),
                arguments("-Q -u 10.0.0.1:53 -z 192.168.0.11",
                        new Command.DelLocalAddress(udp("10.0.0.1", 53), ip("192.168.0.11"))),
                arguments("--del-laddr -f 7 -6 -z 2001:db8::a", new Command.DelLocalAddress(
                        new ServiceKey.Mark(AddressFamily.INET6, 7), ip("2001:db8::a"))));
    }

    @ParameterizedTest(name = "ipvsadm {0}")
    @MethodSource("commands")
    void commandLinesBecomeTheseCommands(String args, Command expected) {
        FakeClient client = FakeClient.accepting();
        Run run = Run.of(client, NAMES, "", Run.words(args));
        assertEquals(new Run(0, "", ""), run);
        // after a -g/-i real server, jlvs adm also asks whether the proxy note is due (ProxyNoticeTest)
        assertEquals(List.of(expected), client.sent.stream().filter(r -> !(r instanceof Query.ClaimProxyNotice)).toList());
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                arguments("-L", new Query.GetServices(null)),
                arguments("-l", new Query.GetServices(null)),
                // numeric listings come formatted by jlvsd: the bits are ListFormat's components in order
                arguments("--list --numeric --stats --rate --exact", new Query.GetListing(null, 1 | 2 | 4 | 64)),
                arguments("-Ln --nosort --tun-info", new Query.GetListing(null, 1 | 32 | 128)),
                arguments("-Ln --thresholds --persistent-conn -t 10.0.0.1:80",
                        new Query.GetListing(tcp("10.0.0.1", 80), 1 | 8 | 16)),
                arguments("-L -t 10.0.0.1:80", new Query.GetServices(tcp("10.0.0.1", 80))),
                arguments("-L -f 7 -6", new Query.GetServices(new ServiceKey.Mark(AddressFamily.INET6, 7))),
                arguments("-Lnc", new Query.GetConnections()),
                arguments("-L --connection --persistent-conn", new Query.GetConnections()),
                arguments("-L --timeout", new Query.GetTimeouts()),
                arguments("-L --daemon", new Query.GetDaemons()),
                arguments("-G", new Query.GetLocalAddresses(null)),
                arguments("--get-laddr -t 10.0.0.1:80", new Query.GetLocalAddresses(tcp("10.0.0.1", 80))),
                arguments("-G -f 7", new Query.GetLocalAddresses(new ServiceKey.Mark(AddressFamily.INET, 7))));
    }

    @ParameterizedTest(name = "ipvsadm {0}")
    @ValueSource(strings = {"-S", "--save -n"})
    void saveAsksForTheServicesThenTheirLocalAddresses(String args) {
        FakeClient client = new FakeClient(Table.listing(new Reply.Services(4096, List.of())));
        Run run = Run.of(client, NAMES, "", Run.words(args));
        assertEquals(0, run.status(), run.err());
        Query services = args.contains("-n") ? new Query.GetListing(null, 1 | 256) : new Query.GetServices(null);
        assertEquals(List.of(services, new Query.GetLocalAddresses(null)), client.sent);
    }

    @ParameterizedTest(name = "ipvsadm {0}")
    @MethodSource("queries")
    void listingsAskForWhatTheyPrint(String args, Request expected) {
        FakeClient client = new FakeClient(request -> switch (request) {
            case Query.GetServices _, Query.GetListing _ ->
                    new Reply.Services(4096, List.of(Table.service(Table.spec(tcp("10.0.0.1", 80), "wlc"))));
            case Query.GetConnections q -> new Reply.Connections(List.<ConnectionEntry>of());
            case Query.GetTimeouts q -> new Reply.CurrentTimeouts(Timeouts.DEFAULT);
            case Query.GetDaemons q -> new Reply.Daemons(List.of());
            case Query.GetLocalAddresses q -> Table.NO_LOCAL_ADDRESSES;
            default -> new Reply.Ok();
        });
        Run run = Run.of(client, NAMES, "", Run.words(args));
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(expected), client.sent);
    }
}
