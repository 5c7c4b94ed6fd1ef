package io.jlvs.daemon.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The director's data plane stood in for by the kernel, until packet mode exists: a lab's jlvs
 * whose {@code jlvs daemon} first sets up the kernel in the director's namespace (nftables and
 * policy routing, balancing each new connection round robin with numgen) and then runs jlvsd in
 * --mode none (which takes the jlvs adm commands), and whose {@code jlvs rs-setup dr} is the
 * seed's real-server script. Everything it sets up lives in the lab's namespaces.
 */
final class KernelStandIn {
    private KernelStandIn() {
    }

    /** NAT as the kernel does it: DNAT of each new connection to the plan's real servers, round robin. */
    static JlvsLauncher nat(JlvsLauncher jlvs, LabPlan plan) {
        return standIn(jlvs, natRules(plan));
    }

    private static String natRules(LabPlan plan) {
        return """
                nft -f - <<'EOF'
                table ip lab_standin {
                  chain prerouting {
                    type nat hook prerouting priority dstnat; policy accept;
                    ip daddr VIP tcp dport PORT dnat to numgen inc mod 2 map { 0 : RS1, 1 : RS2 }
                  }
                }
                EOF
                """.replace("VIP", plan.vip()).replace("PORT", String.valueOf(plan.port()))
                .replace("RS1", plan.realServers().get(0).address()).replace("RS2", plan.realServers().get(1).address());
    }

    /** FULLNAT as the kernel can do it: NAT's DNAT, and SNAT to the plan's local address toward the real servers. */
    static JlvsLauncher fullnat(JlvsLauncher jlvs, LabPlan plan) {
        String localAddress = ((ModeProof.SeesLocalAddress) plan.proof()).localAddress();
        return standIn(jlvs, natRules(plan) + """
                nft -f - <<'EOF'
                table ip lab_standin_snat {
                  chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    oifname "eth1" ip daddr { RS1, RS2 } tcp dport PORT snat to LADDR
                  }
                }
                EOF
                """.replace("LADDR", localAddress).replace("PORT", String.valueOf(plan.port()))
                .replace("RS1", plan.realServers().get(0).address()).replace("RS2", plan.realServers().get(1).address()));
    }

    /**
     * DR as the kernel can do it: a new connection's SYN picks a mark round robin (kept per client
     * address and port in a map), the mark picks a routing table whose default route is that real
     * server, so the frame goes to its MAC with the VIP unchanged; the local table is looked up
     * after the marks.
     */
    static JlvsLauncher dr(JlvsLauncher jlvs, LabPlan plan) {
        String service = "ip daddr " + plan.vip() + " tcp dport " + plan.port();
        return standIn(jlvs, """
                nft -f - <<'EOF'
                table ip lab_standin {
                  map flows { type ipv4_addr . inet_service : mark; flags dynamic, timeout; timeout 10m; }
                  chain untracked {
                    type filter hook prerouting priority raw; policy accept;
                    SERVICE notrack
                  }
                  chain balance {
                    type filter hook prerouting priority mangle; policy accept;
                    SERVICE tcp flags syn add @flows { ip saddr . tcp sport : numgen inc mod 2 offset 1 }
                    SERVICE meta mark set ip saddr . tcp sport map @flows
                  }
                }
                EOF
                sysctl -qw net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.eth0.send_redirects=0
                ip route add default via RS1 dev eth0 table 101
                ip route add default via RS2 dev eth0 table 102
                ip rule add pref 10 fwmark 1 lookup 101
                ip rule add pref 11 fwmark 2 lookup 102
                ip rule add pref 100 lookup local
                ip rule del pref 0 lookup local
                """.replace("SERVICE", service).replace("RS1", plan.realServers().get(0).address())
                .replace("RS2", plan.realServers().get(1).address()));
    }

    private static JlvsLauncher standIn(JlvsLauncher jlvs, String kernelSetup) {
        return args -> switch (args.getFirst()) {
            case "daemon" -> {
                List<String> argv = new ArrayList<>(List.of("sh", "-c", "set -e\n" + kernelSetup + "exec \"$@\"", "sh"));
                argv.addAll(jlvs.command(modeNone(args)));
                yield argv;
            }
            case "rs-setup" -> List.of("sh", "-c", realServerScript(args));
            default -> jlvs.command(args);
        };
    }

    /** jlvs daemon's arguments with --mode packet and its --iface options replaced by --mode none. */
    private static List<String> modeNone(List<String> args) {
        List<String> daemon = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--mode") || args.get(i).equals("--iface")) {
                i++;
            } else {
                daemon.add(args.get(i));
            }
        }
        daemon.addAll(List.of("--mode", "none"));
        return daemon;
    }

    /** rs-setup dr --vip VIP start|stop as seed 000's real-server script: the VIP on lo:0, arp_ignore and arp_announce. */
    private static String realServerScript(List<String> args) {
        String vip = args.get(args.indexOf("--vip") + 1);
        return switch (args.getLast()) {
            case "start" -> "set -e\nip addr add " + vip + "/32 brd " + vip + " dev lo label lo:0\n"
                    + "sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.lo.arp_ignore=1"
                    + " net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.lo.arp_announce=2\n";
            case "stop" -> "ip addr del " + vip + "/32 dev lo";
            default -> "exit 2";
        };
    }
}
