package io.jlvs.daemon.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The five labs, with the seeds' addresses and commands: seed 000 (LVS-NAT with its director
 * script; LVS-DR on one LAN; LVS-DR across subnets, where a router stands between the clients and
 * the LAN of the director and the real servers, and routes the VIP to the director), seed 004 (NAT
 * with two real servers whose gateway is the director). TUN and FULLNAT have no lab in the seeds:
 * they follow the seeds' descriptions (TUN: real servers on another subnet, not behind the
 * director; FULLNAT: real servers with no route to the clients, seeing a local address).
 */
public final class LabPlans {
    private static final String VIP = "172.16.13.11";
    private static final int PORT = 80;
    private static final String CLIENT = "client";
    private static final String DIR = "dir";
    private static final String ROUTER = "router";

    private LabPlans() {
    }

    /** The plan of a lab. */
    public static LabPlan of(LabKind kind) {
        return switch (kind) {
            case NAT -> nat();
            case DR -> dr();
            case DR_ROUTED -> drRouted();
            case TUN -> tun();
            case FULLNAT -> fullnat();
        };
    }

    private static LabPlan nat() {
        Builder b = new Builder();
        frontAndBack(b);
        b.forwarding(DIR);
        List<RealServer> servers = b.realServers("192.168.13.10", "192.168.13.13", "192.168.13.14");
        return b.plan(LabKind.NAT, "seed 000 (LVS-NAT: the real servers' gateway is the director's DIP) and seed 004"
                        + " (NAT with two real servers)", List.of("eth0", "eth1"), servers, "-m", List.of(),
                new ModeProof.SeesClient("172.16.13.21"));
    }

    /** NAT and FULLNAT: the client and the director's eth0 on one LAN, its eth1 and the real servers on another. */
    private static void frontAndBack(Builder b) {
        b.attach(CLIENT, "eth0", "front").attach(DIR, "eth0", "front").attach(DIR, "eth1", "back")
                .attach("rs1", "eth0", "back").attach("rs2", "eth0", "back");
        b.address(CLIENT, "172.16.13.21/24", "eth0");
        b.address(DIR, "172.16.13.10/24", "eth0");
        b.vipOnDirector();
        b.address(DIR, "192.168.13.10/24", "eth1");
    }

    private static LabPlan dr() {
        Builder b = new Builder();
        b.attach(CLIENT, "eth0", "lan").attach(DIR, "eth0", "lan").attach("rs1", "eth0", "lan").attach("rs2", "eth0", "lan");
        b.address(CLIENT, "172.16.13.21/24", "eth0");
        b.forwarding(DIR);
        b.address(DIR, "172.16.13.10/24", "eth0");
        b.vipOnDirector();
        List<RealServer> servers = b.realServers(null, "172.16.13.13", "172.16.13.14");
        return b.plan(LabKind.DR, "seed 000 (LVS-DR on one LAN: the director rewrites the MAC, the real servers"
                        + " hold the VIP on lo and answer the client themselves)", List.of("eth0"), servers, "-g",
                List.of("dr", "--vip", VIP), new ModeProof.RepliesBypassDirector());
    }

    private static LabPlan drRouted() {
        Builder b = new Builder();
        b.attach(CLIENT, "eth0", "front").attach(ROUTER, "eth0", "front").attach(ROUTER, "eth1", "lan")
                .attach(DIR, "eth0", "lan").attach("rs1", "eth0", "lan").attach("rs2", "eth0", "lan");
        b.address(CLIENT, "10.0.0.21/24", "eth0");
        b.defaultRoute(CLIENT, "10.0.0.254");
        b.address(ROUTER, "10.0.0.254/24", "eth0");
        b.address(ROUTER, "192.168.1.254/24", "eth1");
        b.forwarding(ROUTER);
        // seed 004: "bind the VIP on the front router with a static route to the director only"
        b.on(ROUTER, "ip", "route", "add", VIP + "/32", "via", "192.168.1.10");
        b.forwarding(DIR);
        b.address(DIR, "192.168.1.10/24", "eth0");
        b.vipOnDirector();
        b.defaultRoute(DIR, "192.168.1.254");
        List<RealServer> servers = b.realServers("192.168.1.254", "192.168.1.13", "192.168.1.14");
        return b.plan(LabKind.DR_ROUTED, "seed 000 (LVS-DR across subnets: the VIP's subnet is not the real servers';"
                        + " a router, 192.168.1.254, is the gateway of the director and the real servers)",
                List.of("eth0"), servers, "-g", List.of("dr", "--vip", VIP), new ModeProof.RepliesBypassDirector());
    }

    private static LabPlan tun() {
        Builder b = new Builder();
        b.attach(CLIENT, "eth0", "front").attach(DIR, "eth0", "front").attach(ROUTER, "eth0", "front")
                .attach(ROUTER, "eth1", "back").attach("rs1", "eth0", "back").attach("rs2", "eth0", "back");
        b.address(CLIENT, "172.16.13.21/24", "eth0");
        b.address(DIR, "172.16.13.10/24", "eth0");
        b.vipOnDirector();
        b.on(DIR, "ip", "route", "add", "10.20.0.0/24", "via", "172.16.13.254");
        b.address(ROUTER, "172.16.13.254/24", "eth0");
        b.address(ROUTER, "10.20.0.254/24", "eth1");
        b.forwarding(ROUTER);
        List<RealServer> servers = b.realServers("10.20.0.254", "10.20.0.13", "10.20.0.14");
        return b.plan(LabKind.TUN, "seeds 000 and 004 (LVS-TUN: the director wraps each request in IPIP to a real"
                        + " server on another subnet, whose gateway is not the director; it answers the client"
                        + " directly)", List.of("eth0"), servers, "-i", List.of("tun", "--vip", VIP),
                new ModeProof.RepliesBypassDirector());
    }

    private static LabPlan fullnat() {
        String localAddress = "192.168.13.100";
        Builder b = new Builder();
        frontAndBack(b);
        b.address(DIR, localAddress + "/32", "eth1");
        b.forwarding(DIR);
        // no default route: a FULLNAT real server needs no route to the clients
        List<RealServer> servers = b.realServers(null, "192.168.13.13", "192.168.13.14");
        b.service.add(List.of("-P", "-t", VIP + ":" + PORT, "-z", localAddress));
        return b.plan(LabKind.FULLNAT, "seeds 000 and 001 (FULLNAT: source and destination both rewritten; the real"
                        + " servers see the director's local address and need no route to the clients)",
                List.of("eth0", "eth1"), servers, "--fullnat", List.of(), new ModeProof.SeesLocalAddress(localAddress));
    }

    /** Collects a plan's attachments and commands in the order a seed reader types them. */
    private static final class Builder {
        private final List<String> segments = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();
        private final List<Step> setup = new ArrayList<>();
        private final List<List<String>> service = new ArrayList<>();

        Builder attach(String role, String iface, String segment) {
            if (!segments.contains(segment)) {
                segments.add(segment);
            }
            attachments.add(new Attachment(role, iface, segment));
            return this;
        }

        void on(String role, String... argv) {
            setup.add(Step.on(role, argv));
        }

        void address(String role, String cidr, String iface) {
            on(role, "ip", "addr", "add", cidr, "dev", iface);
        }

        /** The seeds' "ifconfig eth0:0 VIP netmask 255.255.255.255 broadcast VIP". */
        void vipOnDirector() {
            on(DIR, "ip", "addr", "add", VIP + "/32", "brd", VIP, "dev", "eth0", "label", "eth0:0");
        }

        void defaultRoute(String role, String gateway) {
            on(role, "ip", "route", "add", "default", "via", gateway);
        }

        /** The seeds' "echo 1 > /proc/sys/net/ipv4/ip_forward". */
        void forwarding(String role) {
            on(role, "sysctl", "-w", "net.ipv4.ip_forward=1");
        }

        /** web1, web2, ...: each address /24 on the real server's eth0, and its default route via gateway (null: none). */
        List<RealServer> realServers(String gateway, String... addresses) {
            List<RealServer> servers = new ArrayList<>();
            for (int i = 0; i < addresses.length; i++) {
                RealServer server = new RealServer("rs" + (i + 1), "web" + (i + 1), addresses[i], 1);
                address(server.role(), server.address() + "/24", "eth0");
                if (gateway != null) {
                    defaultRoute(server.role(), gateway);
                }
                servers.add(server);
            }
            return servers;
        }

        LabPlan plan(LabKind kind, String source, List<String> directorInterfaces, List<RealServer> servers,
                     String forwardFlag, List<String> realServerSetup, ModeProof proof) {
            String scheduler = "rr";
            List<List<String>> commands = new ArrayList<>();
            commands.add(List.of("-A", "-t", VIP + ":" + PORT, "-s", scheduler));
            commands.addAll(service);
            for (RealServer server : servers) {
                commands.add(List.of("-a", "-t", VIP + ":" + PORT, "-r", server.address() + ":" + PORT, forwardFlag));
            }
            return new LabPlan(kind, source, segments, attachments, setup, DIR, directorInterfaces, VIP, PORT, commands,
                    servers, realServerSetup, CLIENT, scheduler, proof);
        }
    }
}
