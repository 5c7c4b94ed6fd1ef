package io.jlvs.io.linux;

import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** setns(2) through NetworkNamespace: the task runs in the namespace ip netns exec enters, the caller stays put. */
@Tag("root")
class NetworkNamespaceTest {

    @Test
    void aTaskRunsInTheNamedNamespaceAndTheCallerStaysWhereItWas() throws Exception {
        try (TestNetwork network = TestNetwork.open()) {
            String namespace = network.namespace("ns");
            Path own = Path.of("/proc/thread-self/ns/net");
            String before = Files.readSymbolicLink(own).toString();

            String inside = NetworkNamespace.call(namespace, () -> Files.readSymbolicLink(own).toString());

            assertEquals(network.exec(namespace, "readlink", "/proc/self/ns/net").strip(), inside);
            assertNotEquals(before, inside);
            assertEquals(before, Files.readSymbolicLink(own).toString());
        }
    }

    @Test
    void whatTheTaskThrowsReachesTheCaller() throws Exception {
        try (TestNetwork network = TestNetwork.open()) {
            String namespace = network.namespace("ns");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> NetworkNamespace.call(namespace, () -> {
                        throw new IllegalStateException("from inside");
                    }));
            assertEquals("from inside", e.getMessage());
            AssertionError error = assertThrows(AssertionError.class,
                    () -> NetworkNamespace.call(namespace, () -> {
                        throw new AssertionError("an error from inside");
                    }));
            assertEquals("an error from inside", error.getMessage());
        }
    }

    @Test
    void anUnknownOrMalformedNameIsRefused() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> NetworkNamespace.call("jlvs-no-such-namespace", () -> null));
        assertEquals("no network namespace jlvs-no-such-namespace (no /run/netns/jlvs-no-such-namespace)",
                missing.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> NetworkNamespace.call("../etc", () -> null));
        assertEquals("not a network namespace name: '../etc'", path.getMessage());
    }
}
