package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.api.ControlClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ipvsadm command sequences against the real table (an in-process ServiceManager): listings and
 * -S after changes, libipvs's messages for refused changes (which leave the table as it was),
 * and -S/-C/-R round trips. Expected text derived from ipvsadm.c's formats.
 */
class EndToEndTest {

    private static final String TABLE = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  10.0.0.1:80 rr
              -> 192.168.1.1:80               Masq    1      0          0        \s
              -> 192.168.1.2:8080             Masq    3      0          0        \s
            UDP  10.0.0.1:53 wlc persistent 120
              -> 192.168.1.3:53               Route   1      0          0        \s
            FWM  5 wlc
              -> 192.168.1.4:0                Tunnel  1      0          0        \s
            """;

    private static final String SAVED = """
            -A -t 10.0.0.1:80 -s rr
            -a -t 10.0.0.1:80 -r 192.168.1.1:80 -m -w 1
            -a -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 3
            -A -u 10.0.0.1:53 -s wlc -p 120
            -a -u 10.0.0.1:53 -r 192.168.1.3:53 -g -w 1
            -A -f 5 -s wlc
            -a -f 5 -r 192.168.1.4:0 -i -w 1 --tun-type ipip
            """;

    private static final String EMPTY = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            """;

    private ServiceManager manager;
    private ControlClient client;

    @BeforeEach
    void startWithAnEmptyTable() {
        manager = new ServiceManager();
        client = manager::handle;
    }

    private Run ipvsadm(String args) {
        return Run.of(client, new FixedNames(), "", Run.words(args));
    }

    private Run restore(String stdin) {
        return Run.of(client, new FixedNames(), stdin, "-R");
    }

    private void ok(String args) {
        assertEquals(new Run(0, "", ""), ipvsadm(args), args);
    }

    private void buildTable() {
        ok("-A -t 10.0.0.1:80 -s rr");
        ok("-a -t 10.0.0.1:80 -r 192.168.1.1:80 -m");
        ok("-a -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 3");
        ok("-A -u 10.0.0.1:53 -p 120");
        ok("-a -u 10.0.0.1:53 -r 192.168.1.3 -g");
        ok("-A -f 5 -s wlc");
        ok("-a -f 5 -r 192.168.1.4 -i");
    }

    @Test
    void commandsBuildTheTableIpvsadmLists() {
        buildTable();
        assertEquals(new Run(0, TABLE, ""), ipvsadm("-L -n"));
        assertEquals(new Run(0, SAVED, ""), ipvsadm("-S -n"));
    }

    @Test
    void refusedChangesPrintLibipvsMessagesAndChangeNothing() {
        buildTable();
        assertEquals(new Run(255, "", "Service already exists\n"), ipvsadm("-A -t 10.0.0.1:80 -s wlc"));
        assertEquals(new Run(255, "", "Service not defined\n"), ipvsadm("-a -t 10.0.0.2:80 -r 192.168.1.1"));
        assertEquals(new Run(255, "", "Destination already exists\n"), ipvsadm("-a -t 10.0.0.1:80 -r 192.168.1.1:80 -m"));
        assertEquals(new Run(255, "", "No such destination\n"), ipvsadm("-d -t 10.0.0.1:80 -r 192.168.1.9"));
        assertEquals(new Run(255, "", "No such destination\n"), ipvsadm("-e -t 10.0.0.1:80 -r 192.168.1.9 -w 2"));
        assertEquals(new Run(255, "", "No such service\n"), ipvsadm("-D -t 10.0.0.2:80"));
        assertEquals(new Run(255, "", "No such service\n"), ipvsadm("-E -t 10.0.0.2:80"));
        assertEquals(new Run(255, "", "Scheduler or persistence engine not found\n"),
                ipvsadm("-E -t 10.0.0.1:80 -s nosuchsched"));
        assertEquals(new Run(255, "", "Scheduler or persistence engine not found\n"),
                ipvsadm("-A -t 10.0.0.7:80 -s nosuchsched"));
        assertEquals(new Run(1, "", "No such service\n"), ipvsadm("-L -n -t 10.0.0.2:80"));
        assertEquals(new Run(0, TABLE, ""), ipvsadm("-L -n"));
    }

    @Test
    void editsAndDeletesShowInTheListing() {
        buildTable();
        ok("-e -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 0");
        ok("-E -u 10.0.0.1:53 -s rr");
        ok("-d -f 5 -r 192.168.1.4");
        ok("-D -t 10.0.0.1:80");
        assertEquals(new Run(0, """
                -A -u 10.0.0.1:53 -s rr
                -a -u 10.0.0.1:53 -r 192.168.1.3:53 -g -w 1
                -A -f 5 -s wlc
                """, ""), ipvsadm("-S -n"));
        ok("-C");
        assertEquals(new Run(0, EMPTY, ""), ipvsadm("-L -n"));
    }

    @Test
    void saveClearRestoreGivesTheSameTable() {
        buildTable();
        String saved = ipvsadm("-S -n").out();
        ok("-C");
        assertEquals(new Run(0, "", ""), restore(saved));
        assertEquals(new Run(0, TABLE, ""), ipvsadm("-L -n"));
        assertEquals(new Run(0, SAVED, ""), ipvsadm("-S -n"));
    }

    @Test
    void restoreReportsARefusedLineAndGoesOnLikeIpvsadm() {
        Run run = restore("""
                -A -t 10.0.0.9:80
                -a -t 10.0.0.8:80 -r 192.168.1.1
                ipvsadm -a -t 10.0.0.9:80 -r 192.168.1.1
                """);
        assertEquals(new Run(0, "", "Service not defined\n"), run);
        assertEquals(new Run(0, """
                -A -t 10.0.0.9:80 -s wlc
                -a -t 10.0.0.9:80 -r 192.168.1.1:80 -g -w 1
                """, ""), ipvsadm("-S -n"));
    }

    @Test
    void restoreExitsWithTheLastLinesStatus() {
        Run run = restore("-A -t 10.0.0.9:80\n-A -t 10.0.0.9:80\n");
        assertEquals(new Run(255, "", "Service already exists\n"), run);
    }

    @Test
    void aUsageErrorEndsTheRestoreAfterTheLinesBeforeIt() {
        Run run = restore("-A -t 10.0.0.9:80\n-A -t 10.0.0.10\n-A -t 10.0.0.11:80\n");
        assertEquals(new Run(2, "", "Zero port specified for non-persistent service\n"), run);
        assertEquals(new Run(0, "-A -t 10.0.0.9:80 -s wlc\n", ""), ipvsadm("-S -n"));
    }

    @Test
    void restoreInsideRestoreIsRefusedWithTheHint() {
        Run run = restore("-A -t 10.0.0.9:80\n-R\n-A -t 10.0.0.11:80\n");
        assertEquals(new Run(255, "", "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"), run);
        assertEquals(new Run(0, "-A -t 10.0.0.9:80 -s wlc\n", ""), ipvsadm("-S -n"));
    }

    @Test
    void aListingLineInARestorePrintsTheTableAsItIsThen() {
        Run run = restore("-A -t 10.0.0.9:80 -s rr\n\n   \n-L -n\n-D -t 10.0.0.9:80\n");
        assertEquals(new Run(0, """
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.0.0.9:80 rr
                """, ""), run);
        assertEquals(new Run(0, "", ""), ipvsadm("-S -n"));
    }

    @Test
    void aPoptErrorInARestoreLineIsPrintedAndTheRestoreGoesOn() {
        Run run = restore("-A -t 10.0.0.9:80 --bogus\n-A -t 10.0.0.10:80\n");
        assertEquals(new Run(0, "", "--bogus: unknown option\n"), run);
        assertEquals(new Run(0, "-A -t 10.0.0.10:80 -s wlc\n", ""), ipvsadm("-S -n"));
    }

    @Test
    void timeoutsAreSetAndListed() {
        ok("--set 600 60 0");
        assertEquals(new Run(0, "Timeout (tcp tcpfin udp): 600 60 300\n", ""), ipvsadm("-L --timeout"));
    }

    @Test
    void zeroingAnUnknownServiceIsNoSuchService() {
        buildTable();
        ok("-Z");
        ok("-Z -t 10.0.0.1:80");
        assertEquals(new Run(255, "", "No such service\n"), ipvsadm("-Z -t 10.0.0.2:80"));
    }

    @Test
    void startDaemonIsRefusedNamingTheMissingDaemonAndNothingIsListedOrStopped() {
        assertEquals(new Run(255, "", "jlvs has no connection-sync daemon yet (--start-daemon): it comes with packet"
                + " mode and keepalived mode\n"), ipvsadm("--start-daemon master --mcast-interface lo --syncid 7"));
        assertEquals(new Run(0, "", ""), ipvsadm("-L --daemon"));
        assertEquals(new Run(255, "", "No daemon is running\n"), ipvsadm("--stop-daemon master"));
    }

    @Test
    void thePersistenceEngineSipIsRefusedNamingWhatIsMissing() {
        assertEquals(new Run(255, "", "jlvs has no SIP persistence engine (--pe sip): persistence engines are not"
                + " implemented\n"), ipvsadm("-A -u 10.0.0.1:5060 -s rr -p --pe sip"));
        assertEquals(new Run(0, "", ""), ipvsadm("-S -n"));
    }

    @Test
    void aServiceWithoutASchedulerIsListedAsNone() {
        ok("-A -t 10.0.0.1:80 -s none");
        assertEquals(new Run(0, "-A -t 10.0.0.1:80 -s none\n", ""), ipvsadm("-S -n"));
    }
}
