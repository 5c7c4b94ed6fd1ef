package io.jlvs.daemon.realserver;

import io.jlvs.cli.ipvsadm.InetText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * rs-setup's start, stop and status over a {@link RealServerHost}: start puts each requirement of
 * the plan in place in order and logs every change in the state file (undoing its own changes if
 * one fails), stop undoes the logged changes in reverse, status checks each requirement and says
 * what is missing and why it matters.
 */
final class RealServerSetup {
    static final String DR = "dr";
    static final String TUN_KERNEL = "tun-ipip";
    static final String TUN_USER_SPACE = "tun-user";

    private final RealServerHost host;
    private final Path stateFile;
    private final PrintStream out;

    RealServerSetup(RealServerHost host, Path stateFile, PrintStream out) {
        this.host = host;
        this.stateFile = stateFile;
        this.out = out;
    }

    /** The plan's name for a mode: TUN uses the kernel's ipip when tunl0 is there. */
    String planFor(String mode) throws IOException {
        if (mode.equals("dr")) {
            return DR;
        }
        return host.linkExists(RealServerPlan.KERNEL_TUNNEL) ? TUN_KERNEL : TUN_USER_SPACE;
    }

    private static List<Requirement> requirements(String plan, List<InetAddress> vips) {
        return switch (plan) {
            case DR -> RealServerPlan.directRouting(vips);
            case TUN_KERNEL -> RealServerPlan.kernelTunnel(vips);
            case TUN_USER_SPACE -> RealServerPlan.userSpaceTunnel(vips);
            default -> throw new IllegalStateException("no plan " + plan);
        };
    }

    /**
     * Puts the real server's requirements in place.
     *
     * @return 0, or 1 with nothing changed by this call when one cannot be put in place
     */
    int start(String mode, List<InetAddress> vips) throws IOException {
        SetupState recorded = SetupState.read(stateFile);
        String plan = recorded != null ? recorded.plan() : planFor(mode);
        if (recorded != null && !sameSetup(recorded, mode, vips)) {
            throw new SetupException("rs-setup was started as " + describe(recorded.plan(), recorded.vips())
                    + " (see " + stateFile + "); stop it first with: jlvs rs-setup " + modeOf(recorded.plan())
                    + vipOptions(recorded.vips()) + " stop");
        }
        SetupState state = recorded != null ? recorded : new SetupState(plan, vips, List.of());
        int before = state.undos().size();
        try {
            for (Requirement requirement : requirements(plan, vips)) {
                state = ensure(requirement, state);
            }
        } catch (IOException e) {
            List<Undo> ours = state.undos().subList(before, state.undos().size());
            List<Undo> left = undoAll(ours);
            List<Undo> remaining = new ArrayList<>(state.undos().subList(0, before));
            remaining.addAll(left);
            state.withUndos(remaining).write(stateFile);
            throw new SetupException(e.getMessage() + (left.isEmpty() ? "; nothing was changed"
                    : "; could not undo all of it: run stop"));
        }
        if (state.undos().size() == before && recorded != null) {
            out.println("jlvs rs-setup: already running: " + describe(plan, vips) + "; 'status' shows what is in place");
        } else {
            out.println("jlvs rs-setup: this real server is ready: " + describe(plan, vips));
        }
        return 0;
    }

    private SetupState ensure(Requirement requirement, SetupState state) throws IOException {
        switch (requirement) {
            case SysctlSetting setting -> {
                String value = host.sysctl(setting.key());
                if (value == null) {
                    throw new IOException("there is no " + setting.name() + " (/proc/sys/" + setting.key() + ")");
                }
                if (setting.accepted().contains(value)) {
                    out.println(setting.name() + " is " + value + " already");
                    return state;
                }
                SetupState next = state.with(new Undo.RestoreSysctl(setting.key(), value));
                next.write(stateFile);
                host.sysctl(setting.key(), setting.wanted());
                out.println("echo " + setting.wanted() + " > /proc/sys/" + setting.key() + "   (was " + value + ")");
                return next;
            }
            case VipAddress address -> {
                int prefix = host.prefixLength(address.device(), address.vip());
                String elsewhere = alsoElsewhere(address);
                if (elsewhere != null) {
                    out.println("warning: " + elsewhere);
                }
                if (prefix == address.prefixLength()) {
                    out.println(address.cidr() + " is on " + address.device() + " already");
                    return state;
                }
                if (prefix >= 0) {
                    throw new IOException(InetText.format(address.vip()) + " is on " + address.device() + " as /"
                            + prefix + ", not /" + address.prefixLength() + ": remove it first");
                }
                host.addAddress(address);
                out.println("added " + address.cidr() + " to " + address.device()
                        + (address.label() == null ? "" : " as " + address.label()));
                return record(state, new Undo.RemoveAddress(address.device(), address.vip(), address.label()));
            }
            case LinkUp link -> {
                if (!host.linkExists(link.device())) {
                    throw new IOException("there is no device " + link.device());
                }
                if (host.linkIsUp(link.device())) {
                    out.println(link.device() + " is up already");
                    return state;
                }
                host.setLinkUp(link.device(), true);
                out.println("set " + link.device() + " up");
                return record(state, new Undo.BringDown(link.device()));
            }
            case DecapsulatorRunning decapsulator -> {
                Undo.StopDecapsulator running = state.decapsulator();
                if (running != null && host.decapsulatorRunning(running.pid())) {
                    out.println("the decapsulator runs already (pid " + running.pid() + ")");
                    return state;
                }
                List<Undo> others = new ArrayList<>(state.undos());
                others.remove(running);
                long pid = host.startDecapsulator(decapsulator);
                out.println("started the decapsulator (pid " + pid + "): the IPIP packets for "
                        + addresses(decapsulator.vips()) + " go unwrapped to " + decapsulator.device());
                return record(state.withUndos(others),
                        new Undo.StopDecapsulator(pid, decapsulator.device(), decapsulator.vips()));
            }
        }
    }

    private SetupState record(SetupState state, Undo undo) throws IOException {
        SetupState next = state.with(undo);
        next.write(stateFile);
        return next;
    }

    /**
     * Undoes what start changed, in reverse order.
     *
     * @return 0, or 1 when something could not be undone (it stays in the state file)
     */
    int stop(String mode, List<InetAddress> vips) throws IOException {
        SetupState recorded = SetupState.read(stateFile);
        if (recorded == null) {
            out.println("jlvs rs-setup: nothing to stop (no start is recorded in " + stateFile + ")");
            return 0;
        }
        if (!sameSetup(recorded, mode, vips)) {
            throw new SetupException("rs-setup was started as " + describe(recorded.plan(), recorded.vips())
                    + ", not " + mode + " for " + addresses(vips) + "; stop it with: jlvs rs-setup "
                    + modeOf(recorded.plan()) + vipOptions(recorded.vips()) + " stop");
        }
        List<Undo> left = undoAll(recorded.undos());
        recorded.withUndos(left).write(stateFile);
        if (!left.isEmpty()) {
            out.println("jlvs rs-setup: " + left.size() + " change(s) could not be undone; they stay in " + stateFile);
            return 1;
        }
        out.println("jlvs rs-setup: stopped; everything start changed is back as it was");
        return 0;
    }

    /** Undoes in reverse order; returns what could not be undone, in order. */
    private List<Undo> undoAll(List<Undo> undos) {
        List<Undo> left = new ArrayList<>();
        for (Undo undo : undos.reversed()) {
            try {
                undo(undo);
            } catch (IOException e) {
                out.println("could not undo: " + e.getMessage());
                left.addFirst(undo);
            }
        }
        return left;
    }

    private void undo(Undo undo) throws IOException {
        switch (undo) {
            case Undo.RestoreSysctl(String key, String before) -> {
                if (host.sysctl(key) == null) {
                    out.println(key.replace('/', '.') + " is gone with its device");
                    return;
                }
                host.sysctl(key, before);
                out.println("echo " + before + " > /proc/sys/" + key + "   (restored)");
            }
            case Undo.RemoveAddress remove -> {
                if (host.prefixLength(remove.device(), remove.vip()) < 0) {
                    out.println(InetText.format(remove.vip()) + " is not on " + remove.device() + " any more");
                    return;
                }
                host.deleteAddress(remove.address());
                out.println("removed " + remove.address().cidr() + " from " + remove.device());
            }
            case Undo.BringDown(String device) -> {
                if (host.linkExists(device)) {
                    host.setLinkUp(device, false);
                    out.println("set " + device + " down");
                }
            }
            case Undo.StopDecapsulator(long pid, String device, List<InetAddress> ignored) -> {
                host.stopDecapsulator(pid);
                out.println("stopped the decapsulator (pid " + pid + "); " + device + " is gone with it");
            }
        }
    }

    /**
     * Checks every requirement and prints one line each: "ok: ..." or "missing: ...: why it
     * matters".
     *
     * @return 0 when everything is in place, else 1
     */
    int status(String mode, List<InetAddress> vips) throws IOException {
        SetupState recorded = SetupState.read(stateFile);
        String plan = recorded != null && sameSetup(recorded, mode, vips) ? recorded.plan() : planFor(mode);
        out.println("rs-setup " + describe(plan, vips) + ":");
        int missing = 0;
        for (Requirement requirement : requirements(plan, vips)) {
            String problem = check(requirement, recorded);
            if (problem.startsWith("ok: ")) {
                out.println(problem);
            } else {
                out.println("missing: " + problem);
                missing++;
            }
        }
        if (recorded != null && !sameSetup(recorded, mode, vips)) {
            out.println("missing: rs-setup was started as " + describe(recorded.plan(), recorded.vips())
                    + ", not for these VIPs");
            missing++;
        }
        out.println(missing == 0 ? "everything is in place" : missing + " missing");
        return missing == 0 ? 0 : 1;
    }

    /** "ok: what holds", or what is missing and why it matters. */
    private String check(Requirement requirement, SetupState recorded) throws IOException {
        return switch (requirement) {
            case SysctlSetting setting -> {
                String value = host.sysctl(setting.key());
                if (value == null) {
                    yield "there is no " + setting.name() + ": " + setting.whyItMatters();
                }
                String holds = setting.setting() + " is " + value + " on " + setting.device();
                yield setting.accepted().contains(value) ? "ok: " + holds : holds + ": " + setting.whyItMatters();
            }
            case VipAddress address -> {
                int prefix = host.prefixLength(address.device(), address.vip());
                String vip = InetText.format(address.vip());
                if (prefix == address.prefixLength()) {
                    String elsewhere = alsoElsewhere(address);
                    yield elsewhere != null ? elsewhere : "ok: VIP " + address.cidr() + " is on " + address.device();
                }
                yield prefix < 0 ? "VIP " + vip + " is not on " + address.device() + ": " + address.whyItMatters()
                        : "VIP " + vip + " is on " + address.device() + " as /" + prefix + ", not /"
                        + address.prefixLength() + ": the whole subnet around it counts as this server's own, so"
                        + " it cannot reach its neighbours in it";
            }
            case LinkUp link -> {
                if (!host.linkExists(link.device())) {
                    yield "there is no " + link.device() + ": " + link.whyItMatters();
                }
                yield host.linkIsUp(link.device()) ? "ok: " + link.device() + " is up"
                        : link.device() + " is down: " + link.whyItMatters();
            }
            case DecapsulatorRunning decapsulator -> {
                String why = ": this kernel has no ipip, so the IPIP packets the director sends to this server are"
                        + " dropped";
                Undo.StopDecapsulator running = recorded == null ? null : recorded.decapsulator();
                if (running == null) {
                    yield "the decapsulator is not running (no rs-setup start is recorded in " + stateFile + ")" + why;
                }
                if (!host.decapsulatorRunning(running.pid())) {
                    yield "the decapsulator (pid " + running.pid() + ") is not running any more" + why;
                }
                if (!host.linkIsUp(decapsulator.device())) {
                    yield decapsulator.device() + " is not up: the decapsulator's packets are dropped";
                }
                yield "ok: the decapsulator (pid " + running.pid() + ") passes IPIP packets for "
                        + addresses(running.vips()) + " to " + decapsulator.device();
            }
        };
    }

    /**
     * What is wrong when the VIP is also on another device than its own (ifconfig eth0:0 VIP on a
     * real server): the kernel answers ARP and neighbour solicitations for the addresses of the
     * device they arrive on, whatever arp_ignore says. Null when it is not.
     */
    private String alsoElsewhere(VipAddress address) throws IOException {
        List<String> others = new ArrayList<>(host.devicesWith(address.vip()));
        others.remove(address.device());
        if (others.isEmpty()) {
            return null;
        }
        String vip = InetText.format(address.vip());
        String asked = address.vip() instanceof java.net.Inet4Address ? "ARP" : "neighbour solicitations";
        return "VIP " + vip + " is also on " + String.join(", ", others) + ": this real server answers " + asked
                + " for it there whatever arp_ignore says, so the client's requests may reach it directly instead of"
                + " the director; remove it from " + String.join(", ", others);
    }

    private static boolean sameSetup(SetupState recorded, String mode, List<InetAddress> vips) {
        return modeOf(recorded.plan()).equals(mode) && recorded.vips().equals(vips);
    }

    private static String modeOf(String plan) {
        return plan.equals(DR) ? "dr" : "tun";
    }

    private static String describe(String plan, List<InetAddress> vips) {
        String how = switch (plan) {
            case DR -> "DR";
            case TUN_KERNEL -> "TUN (the kernel's ipip on " + RealServerPlan.KERNEL_TUNNEL + ")";
            default -> "TUN (user-space decapsulator on " + RealServerPlan.TUN_DEVICE + ")";
        };
        return how + " for VIP " + addresses(vips);
    }

    private static String addresses(List<InetAddress> vips) {
        return vips.stream().map(InetText::format).collect(Collectors.joining(", "));
    }

    private static String vipOptions(List<InetAddress> vips) {
        return vips.stream().map(vip -> " --vip " + InetText.format(vip)).collect(Collectors.joining());
    }
}
