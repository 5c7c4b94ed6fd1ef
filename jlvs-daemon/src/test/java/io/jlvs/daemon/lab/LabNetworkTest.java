package io.jlvs.daemon.lab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Root: each lab's topology is built as printed, its real servers answer over it (the director
 * asks each one: its name and the director's address come back), and closing leaves nothing: no
 * namespace, no process.
 */
@Tag("root")
class LabNetworkTest {

    @ParameterizedTest
    @EnumSource(LabKind.class)
    void theSeedsNetworkIsBuiltItsRealServersAnswerAndNothingIsLeftAfterClose(LabKind kind, @TempDir Path work) throws Exception {
        LabFixtures.requireRootAnd("curl");
        LabPlan plan = LabPlans.of(kind);
        String prefix = LabFixtures.prefix();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<LabNetwork.Started> servers = new ArrayList<>();
        try (LabNetwork network = new LabNetwork(prefix, work, new PrintStream(printed, true, StandardCharsets.UTF_8),
                LabFixtures.thisBuild(), Map.of())) {
            for (Step step : LabTopology.steps(plan, prefix)) {
                network.run(step);
            }
            for (Step step : plan.hostSetup()) {
                network.run(step);
            }
            assertEquals(plan.roles().stream().map(r -> prefix + "-" + r).sorted().toList(),
                    LabFixtures.namespacesOf(prefix).stream().sorted().toList());
            for (RealServer server : plan.realServers()) {
                LabNetwork.Started started = network.start(server.name(), Step.on(server.role(), Step.JLVS,
                        LabServerCommand.NAME, "--name", server.name(), "--port", String.valueOf(plan.port())));
                servers.add(started);
                network.awaitReady(started, LabServerCommand.READY, 60);
            }
            List<String> directorAddresses = plan.hostSetup().stream()
                    .filter(s -> plan.director().equals(s.role()) && s.argv().subList(0, 3).equals(List.of("ip", "addr", "add")))
                    .map(s -> s.argv().get(3).split("/")[0]).toList();
            for (RealServer server : plan.realServers()) {
                String answer = network.run(Step.on(plan.director(), "curl", "-sS", "--max-time", "10",
                        "http://" + server.address() + ":" + plan.port() + "/")).strip();
                String[] words = answer.split(" ");
                assertEquals(server.name(), words[0], answer);
                assertTrue(directorAddresses.contains(words[1]), answer + ": the director asked, from one of " + directorAddresses);
            }
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("$ ip netns add " + prefix + "-client\n"), text);
        assertTrue(text.contains("$ ip netns del " + prefix + "-client\n"), text);
        assertEquals(List.of(), LabFixtures.namespacesOf(prefix), "every namespace deleted");
        for (LabNetwork.Started server : servers) {
            assertFalse(server.process().isAlive(), server.what() + " stopped");
            assertTrue(text.contains("$ kill " + server.process().pid() + "   # " + server.what() + "\n"), text);
        }
    }
}
