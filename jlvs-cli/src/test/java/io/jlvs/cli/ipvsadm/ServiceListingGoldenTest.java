package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden listings of one mixed table. The expected text was derived from ipvsadm.c's printf
 * formats (print_title, print_service_entry, print_largenum), not from our formatter; trailing
 * blanks are written as \s.
 */
class ServiceListingGoldenTest {

    private static void assertListing(String expected, String args) {
        FakeClient client = new FakeClient(Table.listing(Table.mixed(), Table.mixedLocalAddresses()));
        Run run = Run.of(client, Run.words(args));
        assertEquals(new Run(0, expected, ""), run, args);
    }

    @Test
    void numericListingSortsServicesAndDestinationsAsIpvsadm() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  192.168.0.1:443 wrr persistent 60 pe sip
              -> 10.1.1.1:443                 FullNat 5      1          2        \s
            TCP  10.0.0.1:80 wlc
              -> 192.168.1.1:8080             Masq    2      0          0        \s
              -> 192.168.1.2:80               Route   1      3          7        \s
            TCP  10.0.0.1:8080 lc (flag-1,flag-3)
              -> 192.168.1.2:8080             Tunnel  3      0          0        \s
              -> 192.168.1.5:8080             Tunnel  1      0          0        \s
            UDP  10.0.0.1:53 rr persistent 360 mask 255.255.255.0
              -> 192.168.1.3:53               Tunnel  0      0          0        \s
            UDP  10.0.0.2:5060 rr ops
            FWM  3 IPv6 rr persistent 300 mask 64
              -> [2001:db8::10]:0             Route   1      0          0        \s
            FWM  7 sh (sh-port)
              -> 192.168.1.4:0                Route   1      0          0        \s
            """, "-L -n");
    }

    @Test
    void statsAbbreviateLargeCountersWithKMGT() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
              -> RemoteAddress:Port
            TCP  192.168.0.1:443                     0        0        0        0        0
              -> 10.1.1.1:443                        0        0        0        0        0
            TCP  10.0.0.1:80                      1234 99999999  100000K     123G  123456T
              -> 192.168.1.1:8080                    0        0        0        0        0
              -> 192.168.1.2:80                      1        2        3        4        5
            TCP  10.0.0.1:8080                       0        0        0        0        0
              -> 192.168.1.2:8080                    0        0        0        0        0
              -> 192.168.1.5:8080                    0        0        0        0        0
            UDP  10.0.0.1:53                         0        0        0        0        0
              -> 192.168.1.3:53                      0        0        0        0        0
            UDP  10.0.0.2:5060                       0        0        0        0        0
            FWM  3 IPv6                              0        0        0        0        0
              -> [2001:db8::10]:0                    0        0        0        0        0
            FWM  7                                   0        0        0        0        0
              -> 192.168.1.4:0                       0        0        0        0        0
            """, "-L -n --stats");
    }

    @Test
    void exactPrintsEveryDigitInWiderColumns() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
              -> RemoteAddress:Port
            TCP  192.168.0.1:443                     0        0        0        0        0
              -> 10.1.1.1:443                        0        0        0        0        0
            TCP  10.0.0.1:80                      1234 99999999 100000000 123456789012 123456789012345678
              -> 192.168.1.1:8080                    0        0        0        0        0
              -> 192.168.1.2:80                      1        2        3        4        5
            TCP  10.0.0.1:8080                       0        0        0        0        0
              -> 192.168.1.2:8080                    0        0        0        0        0
              -> 192.168.1.5:8080                    0        0        0        0        0
            UDP  10.0.0.1:53                         0        0        0        0        0
              -> 192.168.1.3:53                      0        0        0        0        0
            UDP  10.0.0.2:5060                       0        0        0        0        0
            FWM  3 IPv6                              0        0        0        0        0
              -> [2001:db8::10]:0                    0        0        0        0        0
            FWM  7                                   0        0        0        0        0
              -> 192.168.1.4:0                       0        0        0        0        0
            """, "-Ln --stats --exact");
    }

    @Test
    void rateAbbreviatesServiceRatesButNotTheFirstThreeDestinationRates() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS
              -> RemoteAddress:Port
            TCP  192.168.0.1:443                     0        0        0        0        0
              -> 10.1.1.1:443                        0        0        0        0        0
            TCP  10.0.0.1:80                         5       10  100000K  999999K    1000M
              -> 192.168.1.1:8080                    0        0        0        0        0
              -> 192.168.1.2:80                      1 100000000        3        4     100G
            TCP  10.0.0.1:8080                       0        0        0        0        0
              -> 192.168.1.2:8080                    0        0        0        0        0
              -> 192.168.1.5:8080                    0        0        0        0        0
            UDP  10.0.0.1:53                         0        0        0        0        0
              -> 192.168.1.3:53                      0        0        0        0        0
            UDP  10.0.0.2:5060                       0        0        0        0        0
            FWM  3 IPv6                              0        0        0        0        0
              -> [2001:db8::10]:0                    0        0        0        0        0
            FWM  7                                   0        0        0        0        0
              -> 192.168.1.4:0                       0        0        0        0        0
            """, "-l -n --rate");
    }

    @Test
    void thresholdsListUpperAndLowerThresholds() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn\s
              -> RemoteAddress:Port
            TCP  192.168.0.1:443 wrr persistent 60 pe sip
              -> 10.1.1.1:443                 0          0          1          2        \s
            TCP  10.0.0.1:80 wlc
              -> 192.168.1.1:8080             100        50         0          0        \s
              -> 192.168.1.2:80               0          0          3          7        \s
            TCP  10.0.0.1:8080 lc (flag-1,flag-3)
              -> 192.168.1.2:8080             0          0          0          0        \s
              -> 192.168.1.5:8080             0          0          0          0        \s
            UDP  10.0.0.1:53 rr persistent 360 mask 255.255.255.0
              -> 192.168.1.3:53               0          0          0          0        \s
            UDP  10.0.0.2:5060 rr ops
            FWM  3 IPv6 rr persistent 300 mask 64
              -> [2001:db8::10]:0             0          0          0          0        \s
            FWM  7 sh (sh-port)
              -> 192.168.1.4:0                0          0          0          0        \s
            """, "--list --numeric --thresholds");
    }

    @Test
    void persistentConnListsPersistentConnections() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn\s
              -> RemoteAddress:Port
            TCP  192.168.0.1:443 wrr persistent 60 pe sip
              -> 10.1.1.1:443                 5         0           1          2        \s
            TCP  10.0.0.1:80 wlc
              -> 192.168.1.1:8080             2         0           0          0        \s
              -> 192.168.1.2:80               1         2           3          7        \s
            TCP  10.0.0.1:8080 lc (flag-1,flag-3)
              -> 192.168.1.2:8080             3         0           0          0        \s
              -> 192.168.1.5:8080             1         0           0          0        \s
            UDP  10.0.0.1:53 rr persistent 360 mask 255.255.255.0
              -> 192.168.1.3:53               0         0           0          0        \s
            UDP  10.0.0.2:5060 rr ops
            FWM  3 IPv6 rr persistent 300 mask 64
              -> [2001:db8::10]:0             1         0           0          0        \s
            FWM  7 sh (sh-port)
              -> 192.168.1.4:0                1         0           0          0        \s
            """, "-L -n --persistent-conn");
    }

    @Test
    void tunInfoShowsTunnelTypePortAndChecksum() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn
            TCP  192.168.0.1:443 wrr persistent 60 pe sip
              -> 10.1.1.1:443                 FullNat n/a           5      1          2        \s
            TCP  10.0.0.1:80 wlc
              -> 192.168.1.1:8080             Masq    n/a           2      0          0        \s
              -> 192.168.1.2:80               Route   n/a           1      3          7        \s
            TCP  10.0.0.1:8080 lc (flag-1,flag-3)
              -> 192.168.1.2:8080             Tunnel  gue:6080:+c   3      0          0        \s
              -> 192.168.1.5:8080             Tunnel  gre:+c        1      0          0        \s
            UDP  10.0.0.1:53 rr persistent 360 mask 255.255.255.0
              -> 192.168.1.3:53               Tunnel  ipip          0      0          0        \s
            UDP  10.0.0.2:5060 rr ops
            FWM  3 IPv6 rr persistent 300 mask 64
              -> [2001:db8::10]:0             Route   n/a           1      0          0        \s
            FWM  7 sh (sh-port)
              -> 192.168.1.4:0                Route   n/a           1      0          0        \s
            """, "-L -n --tun-info");
    }

    @Test
    void nosortKeepsTheDaemonsOrderAndNewestFirstDestinations() {
        assertListing("""
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  10.0.0.1:80 wlc
              -> 192.168.1.2:80               Route   1      3          7        \s
              -> 192.168.1.1:8080             Masq    2      0          0        \s
            UDP  10.0.0.1:53 rr persistent 360 mask 255.255.255.0
              -> 192.168.1.3:53               Tunnel  0      0          0        \s
            FWM  7 sh (sh-port)
              -> 192.168.1.4:0                Route   1      0          0        \s
            TCP  192.168.0.1:443 wrr persistent 60 pe sip
              -> 10.1.1.1:443                 FullNat 5      1          2        \s
            FWM  3 IPv6 rr persistent 300 mask 64
              -> [2001:db8::10]:0             Route   1      0          0        \s
            UDP  10.0.0.2:5060 rr ops
            TCP  10.0.0.1:8080 lc (flag-1,flag-3)
              -> 192.168.1.5:8080             Tunnel  1      0          0        \s
              -> 192.168.1.2:8080             Tunnel  3      0          0        \s
            """, "-L -n --nosort");
    }

    @Test
    void saveWritesRestorableCommandLines() {
        assertListing("""
            -A -t 192.168.0.1:443 -s wrr -p 60 --pe sip
            -a -t 192.168.0.1:443 -r 10.1.1.1:443 --fullnat -w 5
            -A -t 10.0.0.1:80 -s wlc
            -a -t 10.0.0.1:80 -r 192.168.1.1:8080 -m -w 2
            -a -t 10.0.0.1:80 -r 192.168.1.2:80 -g -w 1
            -A -t 10.0.0.1:8080 -s lc -b flag-1,flag-3
            -a -t 10.0.0.1:8080 -r 192.168.1.2:8080 -i -w 3 --tun-type gue --tun-port 6080 --tun-csum
            -a -t 10.0.0.1:8080 -r 192.168.1.5:8080 -i -w 1 --tun-type gre --tun-csum
            -A -u 10.0.0.1:53 -s rr -p 360 -M 255.255.255.0
            -a -u 10.0.0.1:53 -r 192.168.1.3:53 -i -w 0 --tun-type ipip
            -A -u 10.0.0.2:5060 -s rr -o
            -A -f 3 -6 -s rr -p 300 -M 64
            -a -f 3 -6 -r [2001:db8::10]:0 -g -w 1
            -A -f 7 -s sh -b sh-port
            -a -f 7 -r 192.168.1.4:0 -g -w 1
            -P -t 10.0.0.1:80 -z 172.16.0.2
            -P -t 10.0.0.1:80 -z 172.16.0.1
            -P -f 7 -z 172.16.0.9
            """, "-S -n");
    }
}
