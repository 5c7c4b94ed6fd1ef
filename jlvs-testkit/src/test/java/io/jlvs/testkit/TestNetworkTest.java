package io.jlvs.testkit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestNetworkTest {

    @Test
    void twoNamespacesOnAVethPairAreUpAndGoneAfterClose() {
        String a;
        String b;
        try (TestNetwork network = TestNetwork.open()) {
            a = network.namespace("a");
            b = network.namespace("b");
            network.veth(a, "va", b, "vb");
            network.exec(a, "ip", "addr", "add", "10.9.0.1/24", "dev", "va");
            network.exec(b, "ip", "addr", "add", "10.9.0.2/24", "dev", "vb");
            assertTrue(network.exec(b, "ip", "-o", "link", "show", "vb").contains("state UP"), "the pair is up");
            assertTrue(network.exec(b, "ip", "-o", "addr", "show", "vb").contains("10.9.0.2/24"));
            assertEquals(1, network.run(a, "ip", "link", "show", "vb").exitCode(), "vb is not in namespace a");
            Process sleeper = network.start(b, "sleep", "60");
            assertTrue(sleeper.isAlive());
            network.close();
            assertFalse(sleeper.isAlive(), "close kills what it started");
        }
        assertFalse(TestNetworkTest.namespaces().contains(a), "namespace " + a + " deleted");
        assertFalse(TestNetworkTest.namespaces().contains(b), "namespace " + b + " deleted");
    }

    private static String namespaces() {
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").start();
            return new String(p.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
