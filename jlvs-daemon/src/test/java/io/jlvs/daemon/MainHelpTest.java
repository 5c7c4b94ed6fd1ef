package io.jlvs.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jlvs --help lists every command with its whole summary; jlvs help adm is ipvsadm's -h. */
class MainHelpTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** Runs jlvs with args; returns its stdout, failing unless it exits 0 with nothing on stderr. */
    private String jlvs(String... args) {
        out.reset();
        err.reset();
        int status = Main.run(args);
        assertEquals(0, status, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8), String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The "Commands:" section with picocli's wrapping undone: one line per command, "NAME  SUMMARY". */
    private static List<String> commands(String help) {
        String section = help.substring(help.indexOf("\nCommands:\n") + "\nCommands:\n".length());
        return List.of(section.replaceAll("\n {3,}", " ").replaceAll(" +", " ").strip().split("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void everyCommandIsListedWithItsWholeSummary(String option) {
        List<String> commands = commands(jlvs(option));
        assertEquals(List.of(
                "quickstart Run jlvs in proxy mode on loopback with two demo real servers and show it balancing.",
                "daemon Run jlvsd in the foreground: hold the virtual-service table, persist it, serve the control"
                        + " socket, and proxy the services (--mode proxy).",
                "adm " + CommandListing.ADM,
                "simulate Print which real server each connection of a script would get under the script's ipvsadm"
                        + " rules, on a private table.",
                "help Display help information about the specified command.",
                "test " + CommandListing.TEST,
                "build " + CommandListing.BUILD), commands.stream().map(String::strip).toList());
    }

    @Test
    void noCommandOrLineAdvertisesWhatDoesNotExistYet() {
        String help = jlvs("--help");
        assertFalse(help.toLowerCase(Locale.ROOT).contains("keepalived"), help);
        assertTrue(help.startsWith("Usage: jlvs [-hV] [COMMAND]\n"
                + "Linux Virtual Server in Java: the IPVS load balancer and its admin tool ipvsadm.\n"), help);
    }

    @Test
    void helpAdmPrintsIpvsadmsHelpAsJlvsAdmHDoes() {
        String helpAdm = jlvs("help", "adm");
        assertEquals(jlvs("adm", "-h"), helpAdm);
        assertEquals(jlvs("adm", "--help"), helpAdm);
        assertTrue(helpAdm.startsWith("ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n"
                + "  jlvs adm -A|E virtual-service "), helpAdm);
    }
}
