package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.cli.ipvsadm.Table.dest;
import static io.jlvs.cli.ipvsadm.Table.service;
import static io.jlvs.cli.ipvsadm.Table.spec;
import static io.jlvs.cli.ipvsadm.Table.tcp;
import static io.jlvs.cli.ipvsadm.Table.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * jlvs's --proxy-protocol in listings: a " proxy-protocol vN" suffix after ipvsadm's own
 * suffixes on the service line, " --proxy-protocol vN" at the end of the -S line, and nothing
 * for a service without it, so stock tables list exactly as before.
 */
class ProxyProtocolListingTest {

    private static Reply.Services table() {
        return new Reply.Services(4096, List.of(
                service(spec(tcp("10.0.0.1", 80), "wlc").withProxyProtocol(ProxyProtocol.V1),
                        dest("192.168.1.1", 8080, ForwardMethod.MASQ, 1, 2, 3)),
                service(new ServiceSpec(tcp("10.0.0.1", 443), "sh", ServiceFlags.PERSISTENT | ServiceFlags.SCHED2, 60,
                        0xFFFFFF00, "sip", ProxyProtocol.V2),
                        dest("192.168.1.2", 443, ForwardMethod.FULLNAT, 5, 0, 0)),
                service(spec(tcp("2001:db8::1", 443), "rr").withProxyProtocol(ProxyProtocol.V2)),
                service(spec(udp("10.0.0.1", 53), "rr"))));
    }

    private static void assertListing(String expected, String args) {
        FakeClient client = new FakeClient(Table.listing(table()));
        assertEquals(new Run(0, expected, ""), Run.of(client, Run.words(args)), args);
    }

    @Test
    void theListingShowsTheVersionAfterIpvsadmsOwnSuffixes() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  10.0.0.1:80 wlc proxy-protocol v1
              -> 192.168.1.1:8080             Masq    1      2          3        \s
            TCP  10.0.0.1:443 sh (sh-port) persistent 60 mask 255.255.255.0 pe sip proxy-protocol v2
              -> 192.168.1.2:443              FullNat 5      0          0        \s
            UDP  10.0.0.1:53 rr
            TCP  [2001:db8::1]:443 rr proxy-protocol v2
            """, "-L -n");
    }

    @Test
    void oneServiceListsWithItsSuffixToo() {
        FakeClient client = new FakeClient(request -> request instanceof Query.GetServices
                || request instanceof Query.GetListing ? new Reply.Services(4096, List.of(table().services().getFirst())) : new Reply.Ok());
        assertEquals(new Run(0, """
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  10.0.0.1:80 wlc proxy-protocol v1
              -> 192.168.1.1:8080             Masq    1      2          3        \s
            """, ""), Run.of(client, Run.words("-L -n -t 10.0.0.1:80")));
    }

    @Test
    void countersListingsHaveNoSuffixesAsForIpvsadmsFlags() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
              -> RemoteAddress:Port
            TCP  10.0.0.1:80                         0        0        0        0        0
              -> 192.168.1.1:8080                    0        0        0        0        0
            TCP  10.0.0.1:443                        0        0        0        0        0
              -> 192.168.1.2:443                     0        0        0        0        0
            UDP  10.0.0.1:53                         0        0        0        0        0
            TCP  [2001:db8::1]:443                   0        0        0        0        0
            """, "-L -n --stats");
    }

    @Test
    void saveWritesTheOptionLastOnTheServiceLine() {
        assertListing("""
            -A -t 10.0.0.1:80 -s wlc --proxy-protocol v1
            -a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 1
            -A -t 10.0.0.1:443 -s sh -p 60 -M 255.255.255.0 --pe sip -b sh-port --proxy-protocol v2
            -a -t 10.0.0.1:443 -r 192.168.1.2:443 --fullnat -w 5
            -A -u 10.0.0.1:53 -s rr
            -A -t [2001:db8::1]:443 -s rr --proxy-protocol v2
            """, "-S -n");
    }

    @Test
    void whatSaveWritesRestoreReadsBackIntoTheSameTable() {
        ServiceManager manager = new ServiceManager();
        for (String line : List.of(
                "-A -t 10.0.0.1:80 -s wlc --proxy-protocol v1",
                "-a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m",
                "-A -t 10.0.0.1:443 -s sh -p 60 -M 255.255.255.0 -b sh-port --proxy-protocol v2",
                "-A -t [2001:db8::1]:443 -s rr --proxy-protocol=v2",
                "-A -u 10.0.0.1:53 -s rr")) {
            assertEquals(0, Run.of(manager::handle, Run.words(line)).status(), line);
        }
        ServiceTable before = manager.table();
        Run saved = Run.of(manager::handle, "-S", "-n");
        assertEquals(0, Run.of(manager::handle, "-C").status());

        Run restored = Run.of(manager::handle, new FixedNames(), saved.out(), "-R");

        assertEquals(new Run(0, "", ""), restored);
        assertEquals(specs(before), specs(manager.table()));
        assertEquals(saved, Run.of(manager::handle, "-S", "-n"));
        assertEquals(List.of(ProxyProtocol.V1, ProxyProtocol.V2, ProxyProtocol.V2, ProxyProtocol.NONE),
                List.of(proxyProtocolOf(manager, "10.0.0.1", 80), proxyProtocolOf(manager, "10.0.0.1", 443),
                        proxyProtocolOf(manager, "2001:db8::1", 443),
                        manager.table().find(udp("10.0.0.1", 53)).orElseThrow().spec().proxyProtocol()));
    }

    private static ProxyProtocol proxyProtocolOf(ServiceManager manager, String address, int port) {
        return manager.table().find(tcp(address, port)).orElseThrow().spec().proxyProtocol();
    }

    /** The services' specs, sorted: -S lists in ipvsadm's order, not the order they were added in. */
    private static List<String> specs(ServiceTable table) {
        return table.services().stream().map(s -> s.spec().toString()).sorted().toList();
    }

    @Test
    void theDaemonRefusesAUdpServiceWithTheHeaderWhenTheCliCheckIsBypassed() {
        ServiceManager manager = new ServiceManager();
        Reply reply = manager.handle(new Command.AddService(
                spec(udp("10.0.0.1", 53), "rr").withProxyProtocol(ProxyProtocol.V1)));
        assertEquals(new Reply.Failure(IpvsError.INVALID_ARGUMENT, 0), reply);
    }
}
