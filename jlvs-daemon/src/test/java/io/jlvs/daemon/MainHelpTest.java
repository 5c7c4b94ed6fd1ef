package io.jlvs.daemon;

import io.jlvs.testkit.CapturedStdio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jlvs --help lists every command with its whole summary; jlvs help adm is ipvsadm's -h. */
class MainHelpTest {
    /** Runs jlvs with args; returns its stdout, failing unless it exits 0 with nothing on stderr. */
    private static String jlvs(String... args) {
        try (CapturedStdio stdio = CapturedStdio.start()) {
            int status = Main.run(args);
            assertEquals(0, status, () -> String.join(" ", args) + ": " + stdio.err());
            assertEquals("", stdio.err(), String.join(" ", args));
            return stdio.out();
        }
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
                        + " socket, and proxy the services (--mode proxy) or forward their packets as an LVS director"
                        + " (--mode packet --iface IF, as root).",
                "adm " + CommandListing.ADM,
                "status Show jlvsd's data plane and its counters: frames forwarded, left to the kernel and dropped by"
                        + " reason (packet mode).",
                "simulate Print which real server each connection of a script would get under the script's ipvsadm"
                        + " rules, on a private table.",
                "rs-setup Set up this host as a DR or TUN real server (VIPs on lo, ARP settings, tunnel end), check"
                        + " it, or undo it.",
                "lab Build a seed's LVS lab (nat, dr, dr-routed, tun, fullnat) in network namespaces with jlvsd in"
                        + " packet mode as its director, check it and tear it down (root).",
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
