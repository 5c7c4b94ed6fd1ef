package io.jlvs.cli.ipvsadm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * -h and --version against ipvsadm 1.31's own text ({@link IpvsadmUsageFormats}, from usage_exit's
 * and version's printf formats); only the --fullnat, --proxy-protocol and --laddr lines and Alibaba
 * LVS's local-address commands are added.
 */
class HelpAndVersionTest {
    /** The lines jlvs adds to ipvsadm's options, in this order, right after the forwarding methods. */
    private static final List<String> OUR_LINES = List.of(
            "  --fullnat                           full NAT: source and destination rewritten (jlvs)",
            "  --proxy-protocol v1|v2              PROXY protocol header to real servers, TCP (jlvs)",
            "  --laddr        -z local-address     FULLNAT local address, for -P and -Q");
    private static final String LAST_FORWARDING_METHOD = "  --masquerading -m                   masquerading (NAT)";
    /** Alibaba's usage lines, after -S's. */
    private static final List<String> LADDR_USAGE = List.of(
            "  PROGRAM -P|Q virtual-service -z local-address",
            "  PROGRAM -G [virtual-service]");
    private static final String SAVE_USAGE = "  PROGRAM -S [-n]";
    /** Alibaba's command lines, in its words and its place: before --save. */
    private static final List<String> LADDR_COMMANDS = List.of(
            "  --add-laddr       -P        add local address",
            "  --del-laddr       -Q        del local address",
            "  --get-laddr       -G        get local address");
    private static final String SAVE_COMMAND = "  --save            -S        save rules to stdout";

    /** ipvsadm's usage text called as program, with the added lines in their places. */
    private static String expectedHelp(String program) {
        String help = insertAfter(IpvsadmUsageFormats.usage(program), LAST_FORWARDING_METHOD, OUR_LINES);
        help = insertAfter(help, SAVE_USAGE.replace("PROGRAM", program),
                LADDR_USAGE.stream().map(l -> l.replace("PROGRAM", program)).toList());
        int at = help.indexOf(SAVE_COMMAND + "\n");
        return help.substring(0, at) + String.join("\n", LADDR_COMMANDS) + "\n" + help.substring(at);
    }

    private static String insertAfter(String text, String line, List<String> lines) {
        String anchor = line + "\n";
        int at = text.indexOf(anchor) + anchor.length();
        return text.substring(0, at) + String.join("\n", lines) + "\n" + text.substring(at);
    }

    @Test
    void helpPrintsIpvsadmsUsageOnStdoutAndExitsZero() {
        for (String option : new String[] {"-h", "--help"}) {
            assertEquals(new Run(0, expectedHelp("ipvsadm"), ""), Run.of(FakeClient.accepting(), option), option);
        }
    }

    @Test
    void helpWinsOverWhateverFollowsIt() {
        assertEquals(new Run(0, expectedHelp("ipvsadm"), ""), Run.of(FakeClient.accepting(), "-h", "-Q", "junk"));
    }

    @Test
    void helpIsStockIpvsadmsTextWithOnlyFullnatAndTheProxyProtocolAddedNextToEachOther() {
        String help = Run.of(FakeClient.accepting(), "-h").out();
        List<String> lines = new ArrayList<>(help.lines().toList());
        int fullnat = lines.indexOf(OUR_LINES.getFirst());
        assertEquals(LAST_FORWARDING_METHOD, lines.get(fullnat - 1), help);
        assertEquals(OUR_LINES, lines.subList(fullnat, fullnat + OUR_LINES.size()), help);

        lines.removeAll(OUR_LINES);
        lines.removeAll(LADDR_COMMANDS);
        lines.removeAll(LADDR_USAGE.stream().map(l -> l.replace("PROGRAM", "ipvsadm")).toList());
        assertEquals(IpvsadmUsageFormats.usage("ipvsadm"), String.join("\n", lines) + "\n",
                "without the added lines -h prints ipvsadm 1.31's text byte for byte");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sbin/ipvsadm", "./ipvsadm", "/tmp/x/sbin-ipvsadm", "jlvs adm"})
    void theUsageTextNamesTheProgramAsItWasCalled(String program) {
        assertEquals(new Run(0, expectedHelp(program), ""),
                Run.as(program, FakeClient.accepting(), new FixedNames(), "", "--help"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sbin/ipvsadm", "/tmp/x/sbin-ipvsadm", "jlvs adm"})
    void theTryHelpHintNamesTheProgramAsItWasCalled(String program) {
        String hint = IpvsadmUsageFormats.tryHelp(program);
        assertEquals(new Run(255, "", hint), Run.as(program, FakeClient.accepting(), new FixedNames(), "", "-t", "10.0.0.1:80"));
        assertEquals(new Run(255, "", hint), Run.as(program, FakeClient.accepting(), new FixedNames(), "", "--bogus"));
        // in -R, ipvsadm puts its own argv[0] in front of each line it reads (config_stream_read)
        assertEquals(new Run(255, "", hint), Run.as(program, FakeClient.accepting(), new FixedNames(),
                "-t 10.0.0.1:80\n", "-R"));
        assertEquals(new Run(255, "", hint), Run.as(program, FakeClient.accepting(), new FixedNames(), "-R\n", "-R"));
    }

    @Test
    void versionPrintsTheVersionLine() {
        Run expected = new Run(0, IpvsadmUsageFormats.version(), "");
        assertEquals(expected, Run.of(FakeClient.accepting(), "-v"));
        assertEquals(expected, Run.of(FakeClient.accepting(), "--version"));
    }

    @Test
    void helpAfterTheCommandIsAnInvalidOption() {
        assertEquals(new Run(2, "", "invalid option `-h'\n"), Run.of(FakeClient.accepting(), "-L", "-h"));
    }
}
