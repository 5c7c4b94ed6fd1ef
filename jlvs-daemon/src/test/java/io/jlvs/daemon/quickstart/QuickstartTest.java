package io.jlvs.daemon.quickstart;

import io.jlvs.daemon.Main;
import io.jlvs.testkit.CapturedStdio;
import io.jlvs.testkit.PortReservation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./jlvs quickstart --requests N, run in-process: both demo servers answer, the stats add up. */
class QuickstartTest {
    private CapturedStdio stdio;

    @BeforeEach
    void capture() {
        stdio = CapturedStdio.start();
    }

    @AfterEach
    void restore() {
        stdio.close();
    }

    @Test
    void twentyRequestsAreSplitBetweenBothDemoServersAndCounted() throws Exception {
        try (PortReservation reserved = PortReservation.on(InetAddress.ofLiteral("127.0.0.1"))) {
            twentyRequestsOn(reserved.port());
        }
    }

    private void twentyRequestsOn(int port) {
        int status = Main.run("quickstart", "--requests", "20", "--port", String.valueOf(port));
        String text = stdio.out();
        assertEquals(0, status, () -> text + stdio.err());
        assertTrue(text.contains("$ jlvs adm -A -t 127.0.0.1:" + port + " -s rr\n"), text);
        // which port is which server, and those are the two real servers the walkthrough adds
        Matcher demo = Pattern.compile("#   web1 on (127\\.0\\.0\\.1:\\d+)\n#   web2 on (127\\.0\\.0\\.1:\\d+)\n").matcher(text);
        assertTrue(demo.find(), text);
        assertTrue(text.contains("$ jlvs adm -a -t 127.0.0.1:" + port + " -r " + demo.group(1) + " -m\n"
                + "$ jlvs adm -a -t 127.0.0.1:" + port + " -r " + demo.group(2) + " -m\n"), text);
        assertTrue(text.contains("# 10 x hello from web1\n"), text);
        assertTrue(text.contains("# 10 x hello from web2\n"), text);
        // the --stats line of the service: 20 connections
        Matcher service = Pattern.compile("TCP  127\\.0\\.0\\.1:" + port + " +(\\d+) ").matcher(text);
        assertTrue(service.find(), text);
        assertEquals("20", service.group(1));
    }

    @Test
    void aTakenPortIsReportedWithTheWayOut() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int status = Main.run("quickstart", "--requests", "1", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(1, status);
            assertEquals("jlvs quickstart: 127.0.0.1:" + taken.getLocalPort()
                    + " is already in use; pick another port with --port N\n", stdio.err());
        }
    }
}
