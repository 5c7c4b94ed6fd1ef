package io.jlvs.io.linux.netlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jlvs.io.linux.NetworkNamespace;
import io.jlvs.testkit.TestNetwork;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The netlink tests' network, made before a test class's tests and removed after them (register it
 * with {@code @RegisterExtension static final TwoNamespaces net = new TwoNamespaces()}): namespace
 * "nl" (where {@link #netlink} was opened) joined by a veth pair to namespace "peer", addressed
 * 10.7.0.1/24 and 10.7.0.2/24, and {@code ip -j} in either namespace to check the bindings against.
 * Without root the class is skipped with the reason (see TestNetwork).
 */
final class TwoNamespaces implements BeforeAllCallback, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STILL_ATTEMPTS = 10;

    TestNetwork network;
    String nl;
    String peer;
    /** The veth end in nl. */
    String nlInterface;
    /** The veth end in peer. */
    String peerInterface;
    RouteNetlink netlink;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        network = TestNetwork.open();
        try {
            nl = network.namespace("nl");
            peer = network.namespace("peer");
            nlInterface = network.prefix() + "a";
            peerInterface = network.prefix() + "b";
            network.veth(nl, nlInterface, peer, peerInterface);
            network.exec(nl, "ip", "addr", "add", "10.7.0.1/24", "dev", nlInterface);
            network.exec(peer, "ip", "addr", "add", "10.7.0.2/24", "dev", peerInterface);
            netlink = NetworkNamespace.call(nl, RouteNetlink::open);
        } catch (Exception | AssertionError e) {
            network.close();
            throw e;
        }
    }

    /** {@code ip -j ARGS} in the namespace, parsed. */
    JsonNode ip(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-j"));
        command.addAll(List.of(args));
        String output = network.exec(namespace, command.toArray(String[]::new));
        try {
            return JSON.readTree(output.isBlank() ? "[]" : output);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("ip -j " + String.join(" ", args) + " printed no JSON: " + output, e);
        }
    }

    /** ip's listing and ours, sorted, the same on both sides when the bindings are right. */
    record Listings(List<String> ip, List<String> ours) {
    }

    /**
     * Takes ip's listing, ours, and ip's again until ip's held still around ours (the kernel adds
     * IPv6 link-local addresses and multicast neighbours on its own, at any moment).
     */
    static Listings heldStill(Callable<List<String>> ip, Callable<List<String>> ours) throws Exception {
        List<String> after = ip.call().stream().sorted().toList();
        List<String> before;
        List<String> between;
        int attempts = 0;
        do {
            before = after;
            between = ours.call().stream().sorted().toList();
            after = ip.call().stream().sorted().toList();
        } while (!after.equals(before) && ++attempts < STILL_ATTEMPTS);
        return new Listings(before, between);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (netlink != null) {
            netlink.close();
        }
        if (network != null) {
            network.close();
        }
    }
}
