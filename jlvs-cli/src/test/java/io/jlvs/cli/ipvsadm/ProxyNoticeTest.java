package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.TrafficSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one stderr line that says a proxy-mode jlvsd serves -g and -i real servers by proxying. */
class ProxyNoticeTest {
    private final ServiceManager manager = new ServiceManager();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private void dataPlane(String name) {
        manager.trafficSource(new TrafficSource() {
            @Override
            public String dataPlane() {
                return name;
            }
        });
    }

    private int ipvsadm(String stdin, String line) {
        return Ipvsadm.run(line.split(" "), manager::handle, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aDirectRoutingServerOnAProxyDaemonGetsTheNoticeOnStderrOnly() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1"));
        assertEquals(ProxyNotice.TEXT + "\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRestoreOfManyTunnelledServersGetsItOnce() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("""
                -A -t 10.0.0.1:80 -s rr
                -a -t 10.0.0.1:80 -r 10.1.0.1:80 -i
                -a -t 10.0.0.1:80 -r 10.1.0.2:80 -g
                -e -t 10.0.0.1:80 -r 10.1.0.2:80 -g -w 3
                """, "-R"));
        assertEquals(ProxyNotice.TEXT + "\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void masqueradedServersAndDaemonsWithoutAProxyGetNoNotice() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1:80 -m"));
        dataPlane("none");
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.2:80 -g"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
