package io.jlvs.io.linux.netlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jlvs.io.linux.NetworkNamespace;
import io.jlvs.testkit.TestNetwork;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The netlink tests' network: namespace "nl" (where {@link #netlink} was opened) joined by a veth
 * pair to namespace "peer", addressed 10.7.0.1/24 and 10.7.0.2/24, and {@code ip -j} in either
 * namespace to check the bindings against. Closing it closes the socket and removes everything.
 */
final class TwoNamespaces implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestNetwork network;
    final String nl;
    final String peer;
    /** The veth end in nl. */
    final String nlInterface;
    /** The veth end in peer. */
    final String peerInterface;
    final RouteNetlink netlink;

    TwoNamespaces() throws Exception {
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

    @Override
    public void close() {
        netlink.close();
        network.close();
    }
}
