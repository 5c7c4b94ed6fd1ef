package io.jlvs.daemon.realserver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** jlvs rs-setup dr|tun --vip VIP ... start|stop|status: the seeds' real-server script as one command. */
@Command(name = "rs-setup", mixinStandardHelpOptions = true,
        header = "Set up this host as a DR or TUN real server (VIPs on lo, ARP settings, tunnel end), check it,"
                + " or undo it.",
        description = {"What the seeds' real-server script does, in its order:",
                "  dr   arp_ignore=1 and arp_announce=2 on all and lo, then each VIP on lo",
                "       as lo:0, a /32 (IPv6: a /128).",
                "  tun  with the kernel's ipip (tunl0): tunl0 up, the VIPs on it, the ARP",
                "       settings, rp_filter 0 on tunl0 and all; without it: as dr, then a",
                "       user-space decapsulator on the TUN device " + RealServerPlan.TUN_DEVICE + ", and",
                "       rp_filter 0 on it and on all.",
                "start returns once the server can take traffic; stop undoes exactly what",
                "start changed (recorded in /run/jlvs/" + SetupState.FILE_NAME + "; in a network",
                "namespace other than the host's, such as ip netns exec's, in",
                "/run/jlvs/" + NamespaceRunDirectory.PREFIX + "INODE/ with INODE the namespace's). status prints",
                "one line per check, saying what is missing and why it matters, and exits",
                "0 only when everything is in place. start and stop need root."})
public final class RsSetupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "dr|tun", description = "the forwarding method the director uses for this server")
    String mode;

    @Parameters(index = "1", paramLabel = "start|stop|status", description = "what to do")
    String action;

    @Option(names = "--vip", paramLabel = "VIP", description = "a virtual IP address served here (repeat for more)")
    List<String> vipTexts;

    @Option(names = "--run-dir", hidden = true, description = "where the state, PID and log files go (per network namespace below it)")
    Path runDirectory = Path.of("/run/jlvs");

    @Override
    public Integer call() {
        try {
            if (!mode.equals("dr") && !mode.equals("tun")) {
                throw new IllegalArgumentException("the method is dr or tun, not '" + mode + "'");
            }
            if (!List.of("start", "stop", "status").contains(action)) {
                throw new IllegalArgumentException("the action is start, stop or status, not '" + action + "'");
            }
            List<InetAddress> vips = VipArguments.parseAll(vipTexts);
            if (!action.equals("status") && !isRoot()) {
                System.err.println("jlvs rs-setup: " + action + " needs root (CAP_NET_ADMIN and CAP_NET_RAW: it"
                        + " changes addresses and kernel settings); run it as root (sudo jlvs rs-setup ...)");
                return 1;
            }
            Path namespaceRun = NamespaceRunDirectory.of(runDirectory);
            RealServerSetup setup = new RealServerSetup(
                    new LinuxRealServerHost(Path.of(LinuxRealServerHost.PROC_SYS), namespaceRun),
                    namespaceRun.resolve(SetupState.FILE_NAME), System.out);
            try {
                return switch (action) {
                    case "start" -> setup.start(mode, vips);
                    case "stop" -> setup.stop(mode, vips);
                    default -> setup.status(mode, vips);
                };
            } finally {
                NamespaceRunDirectory.removeIfEmpty(runDirectory, namespaceRun);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("jlvs rs-setup: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("jlvs rs-setup: " + e.getMessage());
            return 1;
        }
    }

    /** CAP_NET_ADMIN (addresses, links, sysctls under net) and CAP_NET_RAW (the decapsulator's raw sockets). */
    private static final long NETWORK_CAPABILITIES = (1L << 12) | (1L << 13);

    /** Whether this process has root's network capabilities (CapEff in /proc/self/status). */
    private static boolean isRoot() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("CapEff:")) {
                long effective = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                return (effective & NETWORK_CAPABILITIES) == NETWORK_CAPABILITIES;
            }
        }
        return false;
    }
}
