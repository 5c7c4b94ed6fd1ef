package io.jlvs.cli.simulate;

import io.jlvs.core.sched.SchedulerContext;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script language of jlvs simulate: comments, ipvsadm lines, listings and bad lines. */
class SimulatorScriptTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String script) throws Exception {
        return new Simulator(new SchedulerContext(new SplittableRandom(1)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new BufferedReader(new StringReader(script)));
    }

    @Test
    void listingsInAScriptShowTheSimulatedActiveConnections() throws Exception {
        int status = run("""
                # two servers, one connection each
                ipvsadm -A -t 10.0.0.1:80 -s rr
                ipvsadm -a -t 10.0.0.1:80 -r 10.1.0.1:80 -m
                ipvsadm -a -t 10.0.0.1:80 -r 10.1.0.2:80 -m -w 2
                tcp 198.51.100.1:1000 10.0.0.1:80
                udp 198.51.100.1:1000 10.0.0.1:80
                ipvsadm -Ln
                """);
        assertEquals(0, status);
        assertEquals("""
                10.1.0.2:80
                -
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.0.0.1:80 rr
                  -> 10.1.0.1:80                  Masq    1      0          0        \s
                  -> 10.1.0.2:80                  Masq    2      1          0        \s
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ipv6ConnectionsPrintBracketedServers() throws Exception {
        assertEquals(0, run("""
                -A -t [2001:db8::1]:443 -s rr
                -a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -m
                tcp [2001:db8::99]:5000 [2001:db8::1]:443
                """));
        assertEquals("[2001:db8::10]:443\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailingIpvsadmLineStopsTheScriptWithIpvsadmsStatus() throws Exception {
        int status = run("""
                -a -t 10.0.0.1:80 -r 10.1.0.1:80
                tcp 198.51.100.1:1000 10.0.0.1:80
                """);
        assertEquals(255, status);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("Service not defined"), errors);
        assertTrue(errors.contains("stopped at line 1"), errors);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnreadableConnectionLineIsAClearError() throws Exception {
        assertEquals(2, run("tcp 198.51.100.1 10.0.0.1:80\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected ADDRESS:PORT, got '198.51.100.1'"));
        out.reset();
        err.reset();
        assertEquals(2, run("tcp 2001:db8::1:80 10.0.0.1:80\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("in brackets"));
        err.reset();
        assertEquals(2, run("fwm zero 198.51.100.1:1 10.0.0.1:80\n"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("invalid firewall mark 'zero'"));
    }
}
