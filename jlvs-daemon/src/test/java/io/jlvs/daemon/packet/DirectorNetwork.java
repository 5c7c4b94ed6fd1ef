package io.jlvs.daemon.packet;

import io.jlvs.daemon.DaemonStartupException;
import io.jlvs.testkit.Prerequisites;
import io.jlvs.testkit.TestNetwork;

import java.util.List;

/**
 * A director as the seeds set one up, in namespaces of its own: client (10.77.0.1) and director
 * (10.77.0.2, VIP 10.77.0.100/32 on the same interface) on one veth pair, a real server (10.77.1.10,
 * default route via the director's 10.77.1.1) on another, ip_forward=1 in the director,
 * and the client routing the real servers' subnet through the director. Nothing listens anywhere.
 */
final class DirectorNetwork implements AutoCloseable {
    static final String CLIENT_IP = "10.77.0.1";
    static final String VIP = "10.77.0.100";
    static final String DIRECTOR_INNER_IP = "10.77.1.1";
    static final String REAL_SERVER_IP = "10.77.1.10";
    /** The client's and the VIP's IPv6 addresses on the same link. */
    static final String CLIENT_IP6 = "fd77::1";
    static final String VIP6 = "fd77::100";
    /** curl's exit status for a connect refused (the peer's RST). */
    static final int REFUSED = 7;
    /** curl's exit status for a connect that timed out (nothing came back). */
    static final int TIMED_OUT = 28;

    final TestNetwork network;
    final String client;
    final String director;
    final String realServer;
    /** The director's interface towards the clients (holding the VIP), and towards the real servers. */
    final String clientSide;
    final String serverSide;

    DirectorNetwork() {
        network = TestNetwork.open();
        try {
            for (String tool : List.of("nft:nftables", "curl:curl", "ping:iputils-ping", "tcpdump:tcpdump", "timeout:coreutils")) {
                String name = tool.substring(0, tool.indexOf(':'));
                Prerequisites.require(network.run(null, "sh", "-c", "command -v " + name + " || test -x /usr/sbin/" + name)
                        .exitCode() == 0, name + " is missing (Debian package " + tool.substring(tool.indexOf(':') + 1) + ")");
            }
            client = network.namespace("client");
            director = network.namespace("director");
            realServer = network.namespace("rs");
            String p = network.prefix();
            clientSide = p + "d";
            serverSide = p + "dr";
            network.veth(client, p + "c", director, clientSide);
            network.veth(director, serverSide, realServer, p + "r");
            network.exec(client, "ip", "addr", "add", CLIENT_IP + "/24", "dev", p + "c");
            network.exec(client, "ip", "route", "add", "10.77.1.0/24", "via", "10.77.0.2");
            network.exec(director, "ip", "addr", "add", "10.77.0.2/24", "dev", clientSide);
            network.exec(director, "ip", "addr", "add", VIP + "/32", "dev", clientSide);
            network.exec(director, "ip", "addr", "add", DIRECTOR_INNER_IP + "/24", "dev", serverSide);
            network.exec(director, "sysctl", "-qw", "net.ipv4.ip_forward=1");
            network.exec(client, "ip", "addr", "add", CLIENT_IP6 + "/64", "dev", p + "c", "nodad");
            network.exec(director, "ip", "addr", "add", "fd77::2/64", "dev", clientSide, "nodad");
            network.exec(director, "ip", "addr", "add", VIP6 + "/128", "dev", clientSide, "nodad");
            network.exec(realServer, "ip", "addr", "add", REAL_SERVER_IP + "/24", "dev", p + "r");
            network.exec(realServer, "ip", "route", "add", "default", "via", DIRECTOR_INNER_IP);
        } catch (RuntimeException | Error e) {
            network.close();
            throw e;
        }
    }

    /** The director's nft. */
    Nft directorNft() throws DaemonStartupException {
        return new NftCommand(List.of("ip", "netns", "exec", director,
                NftCommand.locate(System.getenv("PATH"), NftCommand.SBIN).toString()));
    }

    /** What nft lists in the director's namespace for these arguments ("list tables", ...). */
    TestNetwork.Result nftList(String... arguments) {
        String[] argv = new String[arguments.length + 1];
        argv[0] = "nft";
        System.arraycopy(arguments, 0, argv, 1, arguments.length);
        return network.run(director, argv);
    }

    /**
     * curl's exit status for a TCP connect from a namespace (extra curl options such as
     * --local-port before the URL): {@link #REFUSED}, {@link #TIMED_OUT} after 1.5 s, or another.
     */
    int connect(String namespace, String address, int port, String... options) {
        String[] argv = new String[8 + options.length];
        List.of("curl", "-sS", "-g", "-o", "/dev/null", "--connect-timeout", "1.5").toArray(argv);
        System.arraycopy(options, 0, argv, 7, options.length);
        argv[argv.length - 1] = "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port + "/";
        return network.run(namespace, argv).exitCode();
    }

    /** Whether the client, its neighbour entries (ARP, NDP) flushed first, gets an answer to one ping of this VIP. */
    boolean clientPings(String vip) {
        network.exec(client, "ip", "neigh", "flush", "all");
        return network.run(client, "ping", "-c", "1", "-W", "1", vip).exitCode() == 0;
    }

    /**
     * How many ICMP destination-unreachable messages the client receives for one UDP datagram it
     * sends (bash's /dev/udp) to an address and port: counted (InDestUnreachs of its
     * /proc/net/snmp) after a ping of the same address has come back the same way, since a
     * kernel answers the datagram as it takes it in, before the ping that follows it.
     */
    long unreachablesForDatagramTo(String address, int port) {
        long before = clientUnreachables();
        network.exec(client, "bash", "-c", "echo probe > /dev/udp/" + address + "/" + port);
        network.exec(client, "ping", "-c", "1", "-W", "1", address);
        return clientUnreachables() - before;
    }

    private long clientUnreachables() {
        List<String> icmp = network.exec(client, "cat", "/proc/net/snmp").lines().filter(l -> l.startsWith("Icmp:")).toList();
        List<String> names = List.of(icmp.get(0).split("\\s+"));
        return Long.parseLong(icmp.get(1).split("\\s+")[names.indexOf("InDestUnreachs")]);
    }

    /** Both of the director's interfaces. */
    List<String> directorInterfaces() {
        return List.of(clientSide, serverSide);
    }

    @Override
    public void close() {
        network.close();
    }
}
