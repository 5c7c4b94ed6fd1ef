package io.jlvs.daemon.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Root: whole lab runs with the director's data plane stood in for, since packet mode is not
 * there yet ({@link KernelStandIn}): a daemon that cannot start ends the lab with its message and
 * nothing left behind; with the kernel balancing in the director's namespace (NAT: nftables DNAT;
 * FULLNAT: DNAT and SNAT; DR: marks and policy routing) beside a jlvsd in --mode none that takes the jlvs adm commands,
 * the nat, fullnat, dr and dr-routed labs pass every check end to end, the counters included.
 */
@Tag("root")
class LabRunTest {

    private record Run(int status, String output) {
    }

    private static Run run(LabKind kind, JlvsLauncher jlvs, String prefix, Path work) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = new Lab(LabPlans.of(kind), 20, false, jlvs, prefix, work,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new Run(status, output);
    }

    @Test
    void aDaemonThatCannotStartEndsTheLabWithItsMessageAndLeavesNothing(@TempDir Path temp) throws Exception {
        LabFixtures.requireRootAnd();
        JlvsLauncher jlvs = LabFixtures.thisBuild();
        JlvsLauncher noPacketMode = args -> args.getFirst().equals("daemon")
                ? List.of("sh", "-c", "echo 'jlvs daemon: packet mode is not here' >&2; exit 3")
                : jlvs.command(args);
        String prefix = LabFixtures.prefix();
        Path work = Files.createDirectory(temp.resolve("work"));
        Run run = run(LabKind.NAT, noPacketMode, prefix, work);
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("\nFAIL jlvsd exited with status 3 before it was ready: jlvs daemon: packet mode is not"
                + " here\n"), run.output());
        assertTrue(run.output().contains("$ ip netns exec " + prefix + "-dir jlvs daemon --mode packet --iface eth0 --iface"
                + " eth1 --socket " + work.resolve("run/jlvsd.sock") + " --state-dir " + work.resolve("state") + " > "), run.output());
        assertFalse(run.output().contains("PASS"), "no check ran");
        assertNothingLeft(prefix, work, run.output());
    }

    @Test
    void theNatLabPassesEveryCheckWithTheKernelsNatStandingInForPacketMode(@TempDir Path temp) throws Exception {
        String prefix = LabFixtures.prefix();
        String out = passingStandInRun(LabKind.NAT, KernelStandIn::nat, prefix, temp);
        assertTrue(out.contains("$ ip netns exec " + prefix + "-dir jlvs adm -a -t 172.16.13.11:80 -r 192.168.13.13:80 -m\n"), out);
        assertTrue(out.contains("\nPASS the real servers saw the client's address: 20 of 20 answers name 172.16.13.21\n"), out);
        assertTrue(out.contains("$ ip netns exec " + prefix + "-dir jlvs adm -Ln --stats\n  IP Virtual Server version"), out);
        assertTrue(out.contains("$ ip netns exec " + prefix + "-dir jlvs adm -Lnc\n"), out);
        assertTrue(out.contains("\njlvs lab nat: all 4 checks passed\n"), out);
        // The counters are real: a NAT director relays every reply, so the bypass judge fails it.
        Matcher counters = Pattern.compile("# over the run the director's interfaces sent (\\d+) bytes .* and the client's"
                + " received (\\d+) bytes").matcher(out);
        assertTrue(counters.find(), out);
        long directorSent = Long.parseLong(counters.group(1));
        long clientReceived = Long.parseLong(counters.group(2));
        assertTrue(directorSent > DownloadBody.LENGTH && clientReceived > DownloadBody.LENGTH, counters.group());
        assertFalse(LabChecks.bypass(directorSent, clientReceived).passed(), counters.group());
    }

    @Test
    void theFullnatLabPassesEveryCheckWithTheKernelsDnatAndSnatStandingInForPacketMode(@TempDir Path temp) throws Exception {
        String prefix = LabFixtures.prefix();
        String out = passingStandInRun(LabKind.FULLNAT, KernelStandIn::fullnat, prefix, temp);
        assertTrue(out.contains("$ ip netns exec " + prefix + "-dir jlvs adm -P -t 172.16.13.11:80 -z 192.168.13.100\n"), out);
        assertTrue(out.contains("    -> 192.168.13.13:80             FullNat 1      0          0"), out);
        assertTrue(out.contains("\nPASS the real servers saw the director's local address: 20 of 20 answers name"
                + " 192.168.13.100\n"), out);
    }

    @ParameterizedTest
    @EnumSource(value = LabKind.class, names = {"DR", "DR_ROUTED"})
    void theDrLabsPassEveryCheckWithTheKernelsPolicyRoutingStandingInForPacketMode(LabKind kind, @TempDir Path temp)
            throws Exception {
        String prefix = LabFixtures.prefix();
        String out = passingStandInRun(kind, KernelStandIn::dr, prefix, temp);
        assertTrue(out.contains("$ ip netns exec " + prefix + "-rs1 jlvs rs-setup dr --vip 172.16.13.11 start\n"), out);
        assertTrue(out.contains("$ ip netns exec " + prefix + "-dir jlvs adm -a -t 172.16.13.11:80 -r "
                + LabPlans.of(kind).realServers().getFirst().address() + ":80 -g\n"), out);
        assertTrue(out.contains("\nPASS the replies bypassed the director: "), out);
        assertTrue(out.contains("$ ip netns exec " + prefix + "-rs2 jlvs rs-setup dr --vip 172.16.13.11 stop\n"), out);
    }

    /**
     * Runs the lab with the kernel standing in for packet mode, checks that it passed (every
     * request answered, rr's even split, the download intact) and left nothing, and returns its output.
     */
    private static String passingStandInRun(LabKind kind, BiFunction<JlvsLauncher, LabPlan, JlvsLauncher> standIn,
                                            String prefix, Path temp) throws Exception {
        LabFixtures.requireRootAnd("nft");
        Path work = Files.createDirectory(temp.resolve("work"));
        Run run = run(kind, standIn.apply(LabFixtures.thisBuild(), LabPlans.of(kind)), prefix, work);
        String out = run.output();
        assertEquals(0, run.status(), out);
        assertTrue(out.contains("\nPASS every request answered: 20 of 20 requests answered by the real servers\n"), out);
        assertTrue(out.contains("\nPASS split as rr: web1 10, web2 10 of 20 (rr allows web1 10, web2 10)\n"), out);
        assertTrue(out.contains("\nPASS the 100 MiB download arrived intact: 104857600 of 104857600 bytes in "), out);
        assertNothingLeft(prefix, work, out);
        return out;
    }

    @Test
    void keepLeavesTheLabUpAndItsRemovalInstructionsRemoveIt(@TempDir Path temp) throws Exception {
        LabFixtures.requireRootAnd();
        JlvsLauncher jlvs = LabFixtures.thisBuild();
        JlvsLauncher noPacketMode = args -> args.getFirst().equals("daemon") ? List.of("sh", "-c", "exit 3") : jlvs.command(args);
        String prefix = LabFixtures.prefix();
        Path work = Files.createDirectory(temp.resolve("work"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = new Lab(LabPlans.of(LabKind.NAT), 20, true, noPacketMode, prefix, work,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        String out = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, out);
        assertEquals(5, LabFixtures.namespacesOf(prefix).size(), out);
        assertTrue(Files.isDirectory(work), out);
        assertTrue(out.contains("# a shell on a host:  ip netns exec " + prefix + "-client bash"), out);
        String removal = out.substring(out.indexOf("# to remove it:\n") + "# to remove it:\n".length());
        List<String> commands = removal.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.replaceAll(" +#.*", "")).toList();
        assertEquals(2 + 5 + 1, commands.size(), "kill web1 and web2, delete five namespaces, remove the work directory: " + removal);
        for (String command : commands) {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), command);
            assertEquals(0, p.exitValue(), command + ": " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertNothingLeft(prefix, work, out);
    }

    private static void assertNothingLeft(String prefix, Path work, String output) throws Exception {
        assertEquals(List.of(), LabFixtures.namespacesOf(prefix), output);
        assertFalse(Files.exists(work), "the work directory is removed");
        Matcher killed = Pattern.compile("kill (\\d+) {3}# ").matcher(output);
        int processes = 0;
        while (killed.find()) {
            processes++;
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(killed.group(1)));
            if (process.isPresent()) {
                process.get().onExit().get(15, TimeUnit.SECONDS);
            }
        }
        assertTrue(processes >= 2, "the real servers' HTTP servers were stopped by PID: " + output);
    }
}
