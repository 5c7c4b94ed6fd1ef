package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.IpvsError;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jlvs.cli.ipvsadm.Table.ip;
import static io.jlvs.cli.ipvsadm.Table.spec;
import static io.jlvs.cli.ipvsadm.Table.service;
import static io.jlvs.cli.ipvsadm.Table.tcp;
import static io.jlvs.cli.ipvsadm.Table.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alibaba LVS's -G table and -S's -P lines. The expected text is rendered from the printf formats
 * of Alibaba's ipvsadm.c (list_laddrs_print_title, list_laddrs_print_service,
 * list_laddrs_print_laddr, print_laddrs_rules), not from our formatter.
 */
class LocalAddressListingGoldenTest {
    private static final String TITLE = "%-20s %-8s %-20s %-10s %-10s\n";
    private static final String SERVICE = "%-20s %-8d \n";
    private static final String LADDR = "%-20s %-8s %-20s %-10d %-10d\n";
    private static final FixedNames NAMES = new FixedNames().reverse("10.0.0.1", "www.example.com");

    private static String title() {
        return TITLE.formatted("VIP:VPORT", "TOTAL", "SNAT_IP", "CONFLICTS", "CONNS");
    }

    private static Run run(Reply locals, String args) {
        return Run.of(new FakeClient(Table.listing(new Reply.Services(4096, List.of()), locals)), NAMES, "",
                Run.words(args));
    }

    @Test
    void everyServiceIsListedUnderOneTitleInTheReplysOrder() {
        String expected = title()
                + SERVICE.formatted("192.168.0.1:443", 0)
                + SERVICE.formatted("10.0.0.1:80", 2)
                + LADDR.formatted("", "", "172.16.0.2", 0, 12)
                + LADDR.formatted("", "", "172.16.0.1", 4_294_967_296L, 0)
                + SERVICE.formatted("FWM 7", 1)
                + LADDR.formatted("", "", "172.16.0.9", 1, 2);

        assertEquals(new Run(0, expected, ""), run(Table.mixedLocalAddresses(), "-G"));
    }

    @Test
    void oneServiceHasTheTitleToo() {
        Reply.LocalAddresses one = new Reply.LocalAddresses(List.of(new ServiceLocalAddresses(
                udp("10.0.0.1", 53), List.of(new LocalAddressStatus(ip("172.16.0.1"), 0, 0)))));

        assertEquals(new Run(0, title() + SERVICE.formatted("10.0.0.1:53", 1)
                + LADDR.formatted("", "", "172.16.0.1", 0, 0), ""), run(one, "-G -u 10.0.0.1:53"));
    }

    @Test
    void anIpv6ServiceAndItsAddressesArePrintedWhole() {
        Reply.LocalAddresses v6 = new Reply.LocalAddresses(List.of(new ServiceLocalAddresses(
                tcp("2001:db8::1", 443), List.of(new LocalAddressStatus(ip("2001:db8:ffff::a"), 0, 3))),
                new ServiceLocalAddresses(new ServiceKey.Mark(AddressFamily.INET6, 9), List.of())));

        assertEquals(new Run(0, title() + SERVICE.formatted("[2001:db8::1]:443", 1)
                + LADDR.formatted("", "", "2001:db8:ffff::a", 0, 3) + SERVICE.formatted("FWM 9 IPv6", 0), ""),
                run(v6, "-G"));
        assertEquals(new Run(0, "-P -t [2001:db8::1]:443 -z 2001:db8:ffff::a\n", ""), run(v6, "-S -n"));
    }

    @Test
    void noServicesListNothingAtAll() {
        assertEquals(new Run(0, "", ""), run(Table.NO_LOCAL_ADDRESSES, "-G"));
    }

    @Test
    void aMissingServiceIsRefusedWithLibipvssTextAndStatus255() {
        FakeClient client = new FakeClient(request -> new Reply.Failure(IpvsError.NO_SUCH_SERVICE, 0));

        assertEquals(new Run(255, "", "No such service\n"), Run.of(client, "-G", "-t", "10.0.0.9:80"));
        assertEquals(List.of(new Query.GetLocalAddresses(tcp("10.0.0.9", 80))), client.sent);
    }

    @Test
    void saveNamesTheServiceUnlessNumericButNeverTheAddress() {
        Reply.Services services = new Reply.Services(4096, List.of(service(spec(tcp("10.0.0.1", 80), "rr"))));
        Reply.LocalAddresses locals = new Reply.LocalAddresses(List.of(new ServiceLocalAddresses(tcp("10.0.0.1", 80),
                List.of(new LocalAddressStatus(ip("10.0.0.1"), 0, 0)))));
        FakeClient client = new FakeClient(Table.listing(services, locals));

        assertEquals(new Run(0, "-A -t www.example.com:http -s rr\n-P -t www.example.com:http -z 10.0.0.1\n", ""),
                Run.of(client, NAMES, "", "-S"));
    }
}
