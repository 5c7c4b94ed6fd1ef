package io.jlvs.daemon.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that build a plan's machines and LANs out of network namespaces: one namespace per
 * host, one bridge per LAN in the switch namespace, and a veth pair from each host interface to a
 * port of its LAN's bridge (default veth settings: offloads stay on).
 */
public final class LabTopology {
    private LabTopology() {
    }

    /** The namespace of role in the lab whose names start with prefix. */
    public static String namespace(String prefix, String role) {
        return prefix + "-" + role;
    }

    /** Every command, in order, that makes the plan's namespaces, bridges and links. */
    public static List<Step> steps(LabPlan plan, String prefix) {
        List<Step> steps = new ArrayList<>();
        for (String role : plan.roles()) {
            steps.add(Step.on(null, "ip", "netns", "add", namespace(prefix, role)));
            steps.add(Step.on(role, "ip", "link", "set", "lo", "up"));
        }
        for (String segment : plan.segments()) {
            steps.add(Step.on(LabPlan.SWITCH, "ip", "link", "add", segment, "type", "bridge"));
            steps.add(Step.on(LabPlan.SWITCH, "ip", "link", "set", segment, "up"));
        }
        for (Attachment a : plan.attachments()) {
            steps.add(Step.on(null, "ip", "link", "add", a.iface(), "netns", namespace(prefix, a.role()), "type", "veth",
                    "peer", "name", a.port(), "netns", namespace(prefix, LabPlan.SWITCH)));
            steps.add(Step.on(LabPlan.SWITCH, "ip", "link", "set", a.port(), "master", a.segment(), "up"));
            steps.add(Step.on(a.role(), "ip", "link", "set", a.iface(), "up"));
        }
        return steps;
    }
}
