package io.jlvs.cli.ipvsadm;

import io.jlvs.control.HostFacts;
import io.jlvs.control.ServiceManager;
import io.jlvs.control.TableStore;
import io.jlvs.control.TrafficSource;
import io.jlvs.control.api.ControlClient;
import io.jlvs.control.api.Query;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one stderr line that says a proxy-mode jlvsd serves -g and -i real servers by proxying:
 * once per jlvsd run, and only after such a change was applied.
 */
class ProxyNoticeTest {
    private static final String NOTE = ProxyNotice.TEXT + "\n";

    private ServiceManager manager = new ServiceManager();
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
        return ipvsadm(manager::handle, stdin, line);
    }

    private int ipvsadm(ControlClient client, String stdin, String line) {
        return Ipvsadm.run(line.split(" "), client, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDirectRoutingServerOnAProxyDaemonGetsTheNoticeOnStderrOnly() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1"));
        assertEquals(NOTE, stderr());
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
        assertEquals(NOTE, stderr());
    }

    @Test
    void laterRunsAgainstTheSameDaemonAreNotToldAgain() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.2 -i"));
        assertEquals(0, ipvsadm("-a -t 10.0.0.1:80 -r 10.1.0.3 -g\n", "-R"));
        assertEquals(NOTE, stderr());
    }

    @Test
    void aRestartedDaemonTellsAgain() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1"));
        manager = new ServiceManager(manager.table(), HostFacts.system(), TableStore.NONE);
        dataPlane("proxy");
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.2"));
        assertEquals(NOTE + NOTE, stderr());
    }

    @Test
    void aRefusedDirectRoutingServerGetsNoNoteAndLeavesItForTheFirstAccepted() {
        dataPlane("proxy");
        assertEquals(255, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1 -g"));
        assertEquals("Service not defined\n", stderr());
        err.reset();
        assertEquals(0, ipvsadm("", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1 -g"));
        assertEquals(NOTE, stderr());
    }

    @Test
    void aRestoreWhoseOnlyTunnelledLineIsRefusedGetsNoNote() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("""
                -A -t 10.0.0.1:80
                -a -t 10.0.0.9:80 -r 10.1.0.1:80 -i
                -a -t 10.0.0.1:80 -r 10.1.0.2:80 -m
                """, "-R"));
        assertEquals("Service not defined\n", stderr());
    }

    @Test
    void masqueradedServersAndDaemonsWithoutAProxyGetNoNotice() {
        dataPlane("proxy");
        assertEquals(0, ipvsadm("", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.1:80 -m"));
        dataPlane("none");
        assertEquals(0, ipvsadm("", "-a -t 10.0.0.1:80 -r 10.1.0.2:80 -g"));
        assertEquals("", stderr());
    }

    @Test
    void aDaemonThatCannotAnswerTheClaimLeavesTheAppliedChangeASuccess() {
        dataPlane("proxy");
        ControlClient olderDaemon = request -> {
            if (request instanceof Query.ClaimProxyNotice) {
                throw new IOException("not a jlvs request: Could not resolve type id 'ClaimProxyNotice'");
            }
            return manager.handle(request);
        };
        assertEquals(0, ipvsadm(olderDaemon, "", "-A -t 10.0.0.1:80"));
        assertEquals(0, ipvsadm(olderDaemon, "", "-a -t 10.0.0.1:80 -r 10.1.0.1 -g"));
        assertEquals("", stderr());
    }
}
