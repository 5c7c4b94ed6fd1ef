package io.jlvs.daemon.realserver;

import io.jlvs.cli.ipvsadm.InetText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a DR or TUN real server needs, in the order of the seeds' real-server script (seed 000's
 * "RS脚本示例": the ARP settings on all and lo, then the VIP on lo:0 as a /32; the script's
 * {@code route add -host VIP dev lo:0} is implied, since the kernel routes an address it holds to
 * itself), with what goes wrong without each, in words a seed reader knows.
 */
final class RealServerPlan {
    /** The user-space tunnel end's TUN device. */
    static final String TUN_DEVICE = "jlvstun0";
    /** The kernel's IPIP device, present when the kernel has ipip. */
    static final String KERNEL_TUNNEL = "tunl0";
    static final String LOOPBACK = "lo";

    private static final Set<String> ARP_IGNORE_HIDES = Set.of("1", "2");
    private static final Set<String> ARP_ANNOUNCE_HIDES = Set.of("2");
    /** 0 (off) or 2 (loose: any route back will do) let tunnelled requests in. */
    private static final Set<String> RP_FILTER_LETS_IN = Set.of("0", "2");

    private RealServerPlan() {
    }

    /** DR: the ARP settings, then the VIPs on lo. */
    static List<Requirement> directRouting(List<InetAddress> vips) {
        List<Requirement> plan = new ArrayList<>(arpSettings(vips, LOOPBACK));
        for (InetAddress vip : vips) {
            plan.add(new VipAddress(vip, LOOPBACK, labelOf(vip, LOOPBACK), "the director sends requests for "
                    + InetText.format(vip) + " to this server unchanged (DR keeps the VIP as destination), and the"
                    + " kernel drops them because " + InetText.format(vip) + " is not one of its addresses"));
        }
        return plan;
    }

    /** TUN on the kernel's ipip: tunl0 up with the VIPs on it, the ARP settings, no reverse-path filter. */
    static List<Requirement> kernelTunnel(List<InetAddress> vips) {
        List<Requirement> plan = new ArrayList<>();
        plan.add(new LinkUp(KERNEL_TUNNEL, "the kernel drops the IPIP packets the director sends"));
        for (InetAddress vip : vips) {
            plan.add(new VipAddress(vip, KERNEL_TUNNEL, labelOf(vip, KERNEL_TUNNEL), "the requests ipip unwraps for "
                    + InetText.format(vip) + " are dropped, because " + InetText.format(vip)
                    + " is not one of this server's addresses"));
        }
        plan.addAll(arpSettings(vips, KERNEL_TUNNEL));
        plan.addAll(reversePathSettings(vips, KERNEL_TUNNEL));
        return plan;
    }

    /**
     * TUN without the kernel's ipip: the ARP settings and the VIPs on lo as for DR, then the
     * decapsulator on its TUN device, whose unwrapped packets the reverse-path filter must let in.
     */
    static List<Requirement> userSpaceTunnel(List<InetAddress> vips) {
        List<Requirement> plan = new ArrayList<>(arpSettings(vips, LOOPBACK));
        for (InetAddress vip : vips) {
            plan.add(new VipAddress(vip, LOOPBACK, labelOf(vip, LOOPBACK), "the requests unwrapped for "
                    + InetText.format(vip) + " are dropped, because " + InetText.format(vip)
                    + " is not one of this server's addresses"));
        }
        plan.add(new DecapsulatorRunning(TUN_DEVICE, List.copyOf(vips)));
        plan.addAll(reversePathSettings(vips, TUN_DEVICE));
        return plan;
    }

    private static String labelOf(InetAddress vip, String device) {
        return vip instanceof Inet4Address ? device + ":0" : null;
    }

    /** arp_ignore=1 and arp_announce=2 on all and device, as the seeds write them; none for IPv6 VIPs only. */
    private static List<Requirement> arpSettings(List<InetAddress> vips, String device) {
        String ipv4 = ipv4Vips(vips);
        if (ipv4.isEmpty()) {
            return List.of();
        }
        String answers = "this real server answers ARP for VIP " + ipv4 + ", so the client's requests may reach it"
                + " directly instead of the director (and the other real servers get none)";
        String announces = "this real server may use VIP " + ipv4 + " as the source of its own ARP requests, so its"
                + " neighbours learn its MAC for the VIP and send the client's requests to it instead of the director";
        String alsoOnDevice = "the seeds' script sets it on " + device + " as well as on all (the kernel uses the"
                + " larger of the two)";
        return List.of(
                new SysctlSetting(conf("all", "arp_ignore"), "1", ARP_IGNORE_HIDES, answers),
                new SysctlSetting(conf(device, "arp_ignore"), "1", ARP_IGNORE_HIDES, alsoOnDevice),
                new SysctlSetting(conf("all", "arp_announce"), "2", ARP_ANNOUNCE_HIDES, announces),
                new SysctlSetting(conf(device, "arp_announce"), "2", ARP_ANNOUNCE_HIDES, alsoOnDevice));
    }

    /** rp_filter 0 on the tunnel device and on all (the kernel uses the larger); IPv6 has no rp_filter. */
    private static List<Requirement> reversePathSettings(List<InetAddress> vips, String device) {
        if (ipv4Vips(vips).isEmpty()) {
            return List.of();
        }
        String why = "the kernel drops the unwrapped requests, because their source (the client) is not routed"
                + " back through " + device + " (the reverse-path filter; the kernel uses the larger of all and "
                + device + ")";
        return List.of(
                new SysctlSetting(conf(device, "rp_filter"), "0", RP_FILTER_LETS_IN, why),
                new SysctlSetting(conf("all", "rp_filter"), "0", RP_FILTER_LETS_IN, why));
    }

    private static String ipv4Vips(List<InetAddress> vips) {
        return vips.stream().filter(Inet4Address.class::isInstance).map(InetText::format)
                .collect(Collectors.joining(", "));
    }

    private static String conf(String device, String setting) {
        return "net/ipv4/conf/" + device + "/" + setting;
    }
}
