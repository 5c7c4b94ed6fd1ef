package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.cli.ipvsadm.Table.dest;
import static io.jlvs.cli.ipvsadm.Table.ip;
import static io.jlvs.cli.ipvsadm.Table.service;
import static io.jlvs.cli.ipvsadm.Table.spec;
import static io.jlvs.cli.ipvsadm.Table.tcp;
import static io.jlvs.cli.ipvsadm.Table.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden output for resolved names (cut at ipvsadm's 33 and 28 columns), one service, -c with
 * and without names and PE data, --timeout and --daemon. Expected text derived from ipvsadm.c's
 * printf formats; trailing blanks written as \s.
 */
class OtherListingsGoldenTest {

    private static final FixedNames NAMES = new FixedNames()
            .reverse("10.0.0.1", "www.example.com")
            .reverse("192.168.1.1", "a-very-long-real-server-name.example.com")
            .reverse("10.0.0.3", "voip-gateway.internal.example.com")
            .reverse("2001:db8::1", "v6.example.com")
            .reverse("2001:db8::2", "a-really-long-ipv6-real-server.example.com");

    private static Reply.Services named() {
        return new Reply.Services(4096, List.of(
                service(spec(tcp("2001:db8::1", 443), "wlc"),
                        dest("2001:db8::3", 8443, ForwardMethod.MASQ, 1, 0, 0),
                        dest("2001:db8::2", 443, ForwardMethod.MASQ, 1, 0, 0)),
                service(spec(udp("10.0.0.3", 53), "rr")),
                service(spec(tcp("10.0.0.1", 80), "wlc"),
                        dest("192.168.1.2", 8080, ForwardMethod.MASQ, 1, 0, 0),
                        dest("192.168.1.1", 80, ForwardMethod.DROUTE, 1, 0, 0))));
    }

    private static Reply.Services oneV6() {
        return new Reply.Services(4096, List.of(named().services().getFirst()));
    }

    private static Reply.Connections connections() {
        return new Reply.Connections(List.of(
                new ConnectionEntry("TCP", 899_999, "ESTABLISHED", ip("10.0.0.5"), 40000, ip("10.0.0.1"), 80,
                        ip("192.168.1.2"), 80, "", ""),
                new ConnectionEntry("UDP", 1_234_567, "UDP", ip("10.0.0.6"), 5060, ip("10.0.0.1"), 5060,
                        ip("192.168.1.3"), 5060, "sip", "call-id-123"),
                new ConnectionEntry("IP", 359_000, "NONE", ip("10.0.0.5"), 0, ip("10.0.0.1"), 0,
                        ip("192.168.1.2"), 0, "", ""),
                new ConnectionEntry("TCP", 59_500, "SYN_RECV", ip("2001:db8::99"), 40001, ip("2001:db8::1"), 443,
                        ip("2001:db8::2"), 443, "", ""),
                new ConnectionEntry("TCP", 6_000_000, "TIME_WAIT", ip("10.0.0.7"), 1, ip("10.0.0.1"), 80,
                        ip("192.168.1.2"), 80, "", "")));
    }

    private static void assertOutput(String expected, Reply reply, String args) {
        FakeClient client = new FakeClient(request -> request instanceof Query.GetLocalAddresses
                ? Table.NO_LOCAL_ADDRESSES : reply);
        Run run = Run.of(client, NAMES, "", Run.words(args));
        assertEquals(new Run(0, expected, ""), run, args);
    }

    @Test
    void namesAreResolvedAndCutAtIpvsadmsColumns() {
        assertOutput("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  www.example.com:http wlc
              -> a-very-long-real-server-name Route   1      0          0        \s
              -> 192.168.1.2:8080             Masq    1      0          0        \s
            UDP  voip-gateway.internal.exampl rr
            TCP  [v6.example.com]:https wlc
              -> [a-really-long-ipv6-real-server.example.com]:https Masq    1      0          0        \s
              -> [2001:db8::3]:8443           Masq    1      0          0        \s
            """, named(), "-L");
    }

    @Test
    void saveWithoutNumericWritesNamesUncut() {
        assertOutput("""
            -A -t www.example.com:http -s wlc
            -a -t www.example.com:http -r a-very-long-real-server-name.example.com:http -g -w 1
            -a -t www.example.com:http -r 192.168.1.2:8080 -m -w 1
            -A -u voip-gateway.internal.example.com:domain -s rr
            -A -t [v6.example.com]:https -s wlc
            -a -t [v6.example.com]:https -r [a-really-long-ipv6-real-server.example.com]:https -m -w 1
            -a -t [v6.example.com]:https -r [2001:db8::3]:8443 -m -w 1
            """, named(), "-S");
    }

    @Test
    void oneServiceHasTitleButNoVersionHeader() {
        assertOutput("""
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  [2001:db8::1]:443 wlc
              -> [2001:db8::2]:443            Masq    1      0          0        \s
              -> [2001:db8::3]:8443           Masq    1      0          0        \s
            """, oneV6(), "-L -n -t [2001:db8::1]:443");
    }

    @Test
    void connectionsShowExpiryAsMinutesAndSeconds() {
        assertOutput("""
            IPVS connection entries
            pro expire state       source             virtual            destination
            TCP 14:59  ESTABLISHED 10.0.0.5:40000     10.0.0.1:80        192.168.1.2:80
            UDP 20:34  UDP         10.0.0.6:5060      10.0.0.1:5060      192.168.1.3:5060
            IP  05:59  NONE        10.0.0.5:0         10.0.0.1:0         192.168.1.2:0
            TCP 00:59  SYN_RECV    [2001:db8::99]:40001 [2001:db8::1]:443  [2001:db8::2]:443
            TCP 100:00 TIME_WAIT   10.0.0.7:1         10.0.0.1:80        192.168.1.2:80
            """, connections(), "-L -n -c");
    }

    @Test
    void connectionsResolveNamesButNotTemplatePorts() {
        assertOutput("""
            IPVS connection entries
            pro expire state       source             virtual            destination
            TCP 14:59  ESTABLISHED 10.0.0.5:40000     www.example.com:http 192.168.1.2:http
            UDP 20:34  UDP         10.0.0.6:sip       www.example.com:sip 192.168.1.3:sip
            IP  05:59  NONE        10.0.0.5:0         www.example.com:0  192.168.1.2:0
            TCP 00:59  SYN_RECV    [2001:db8::99]:40001 [v6.example.com]:https [a-really-long-ipv6-real-server.example.com]:https
            TCP 100:00 TIME_WAIT   10.0.0.7:1         www.example.com:http 192.168.1.2:http
            """, connections(), "-L -c");
    }

    @Test
    void persistentConnAddsPeNameAndDataWhereTheEntryHasThem() {
        assertOutput("""
            IPVS connection entries
            pro expire state       source             virtual            destination        pe name          pe_data
            TCP 14:59  ESTABLISHED 10.0.0.5:40000     10.0.0.1:80        192.168.1.2:80
            UDP 20:34  UDP         10.0.0.6:5060      10.0.0.1:5060      192.168.1.3:5060 sip                call-id-123
            IP  05:59  NONE        10.0.0.5:0         10.0.0.1:0         192.168.1.2:0
            TCP 00:59  SYN_RECV    [2001:db8::99]:40001 [2001:db8::1]:443  [2001:db8::2]:443
            TCP 100:00 TIME_WAIT   10.0.0.7:1         10.0.0.1:80        192.168.1.2:80
            """, connections(), "-Lnc --persistent-conn");
    }

    @Test
    void timeoutsPrintTheThreeValues() {
        assertOutput("Timeout (tcp tcpfin udp): 900 120 300\n", new Reply.CurrentTimeouts(Timeouts.DEFAULT), "-L --timeout");
    }

    @Test
    void daemonsPrintOptionalFieldsOnlyWhenSet() {
        assertOutput("""
            master sync daemon (mcast=eth0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
            backup sync daemon (mcast=eth1, syncid=5)
            """, new Reply.Daemons(List.of(
                new SyncDaemonSpec(SyncDaemonSpec.State.MASTER, "eth0", 0, 1472, "224.0.0.81", 8848, 1),
                new SyncDaemonSpec(SyncDaemonSpec.State.BACKUP, "eth1", 5, 0, "", 0, 0))), "-L --daemon");
    }

    @Test
    void listingOneServiceAsksForThatServiceOnly() {
        FakeClient client = new FakeClient(request -> oneV6());
        Run.of(client, "-L", "-n", "-t", "[2001:db8::1]:443");
        assertEquals(List.of(new Query.GetListing(tcp("2001:db8::1", 443), 1)), client.sent);
        client.sent.clear();
        Run.of(client, "-L", "-t", "[2001:db8::1]:443");
        assertEquals(List.of(new Query.GetServices(tcp("2001:db8::1", 443))), client.sent);
    }

    @Test
    void aMissingServiceIsNoSuchServiceWithStatusOne() {
        FakeClient client = new FakeClient(request -> new Reply.Services(4096, List.of()));
        assertEquals(new Run(1, "", "No such service\n"), Run.of(client, "-L", "-t", "10.9.9.9:80"));
    }

    @Test
    void noArgumentsListTheWholeTable() {
        FakeClient client = new FakeClient(request -> new Reply.Services(65536, List.of()));
        assertEquals(new Run(0, """
            IP Virtual Server version 1.2.1 (size=65536)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            """, ""), Run.of(client));
    }
}
