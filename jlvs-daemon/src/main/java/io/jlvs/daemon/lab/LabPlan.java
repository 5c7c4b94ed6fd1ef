package io.jlvs.daemon.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One lab as data: the seed's topology (namespaces, LANs, the hosts' addresses, routes and
 * sysctls), the director's interfaces and service, the real servers, and what proves the method.
 *
 * @param kind which lab
 * @param source the seed it follows, in words
 * @param segments the LANs (bridges in the switch namespace)
 * @param attachments every host interface and its LAN
 * @param hostSetup the seed's commands on each host (addresses, routes, sysctls), in order
 * @param director the director's role
 * @param directorInterfaces the interfaces jlvsd serves (--iface)
 * @param vip the virtual IP
 * @param port the service's port (the real servers listen on the same)
 * @param serviceSetup the jlvs adm commands (arguments after "jlvs adm"), in order
 * @param realServers the two real servers
 * @param realServerSetup jlvs rs-setup's arguments before start/stop/status (empty: none)
 * @param client the client's role
 * @param scheduler the service's scheduler (the split is judged by it)
 * @param proof what shows the method worked
 */
public record LabPlan(LabKind kind, String source, List<String> segments, List<Attachment> attachments,
                      List<Step> hostSetup, String director, List<String> directorInterfaces, String vip, int port,
                      List<List<String>> serviceSetup, List<RealServer> realServers, List<String> realServerSetup,
                      String client, String scheduler, ModeProof proof) {
    /** The role of the namespace that holds the LANs' bridges. */
    public static final String SWITCH = "lan";

    public LabPlan {
        segments = List.copyOf(segments);
        attachments = List.copyOf(attachments);
        hostSetup = List.copyOf(hostSetup);
        directorInterfaces = List.copyOf(directorInterfaces);
        serviceSetup = serviceSetup.stream().map(List::copyOf).toList();
        realServers = List.copyOf(realServers);
        realServerSetup = List.copyOf(realServerSetup);
    }

    /** Every host's role in the order they first appear, then the switch. */
    public List<String> roles() {
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        attachments.forEach(a -> roles.add(a.role()));
        List<String> all = new ArrayList<>(roles);
        all.add(SWITCH);
        return all;
    }

    /** VIP:PORT as jlvs adm takes it. */
    public String service() {
        return vip + ":" + port;
    }

    /** The http:// address the client asks. */
    public String url() {
        return "http://" + service() + "/";
    }
}
