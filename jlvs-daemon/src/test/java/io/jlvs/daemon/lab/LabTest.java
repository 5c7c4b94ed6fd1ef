package io.jlvs.daemon.lab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Root: each of the five labs, whole, as {@code jlvs lab KIND} runs it: jlvsd in packet mode as
 * the director, jlvs rs-setup on the real servers for DR and TUN, every check passed, nothing left.
 */
@Tag("root")
class LabTest {

    @ParameterizedTest
    @EnumSource(LabKind.class)
    void theLabPassesEveryCheckAndLeavesNothing(LabKind kind, @TempDir Path temp) throws Exception {
        LabFixtures.requireRootAnd("nft");
        String prefix = LabFixtures.prefix();
        Path work = Files.createDirectory(temp.resolve("work"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = new Lab(LabPlans.of(kind), 20, false, LabFixtures.thisBuild(), prefix, work,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        String out = printed.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(0, status, out);
        assertTrue(out.contains("\njlvs lab " + kind.label() + ": all 4 checks passed\n"), out);
        assertFalse(out.contains("\nFAIL "), out);
        assertEquals(java.util.List.of(), LabFixtures.namespacesOf(prefix), out);
        assertFalse(Files.exists(work), "the work directory is removed");
    }
}
