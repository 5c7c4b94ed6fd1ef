package io.jlvs.cli.ipvsadm;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.TunnelFlags;

import java.net.InetAddress;

/**
 * What ipvsadm's parser fills in while it walks the options (its struct ipvs_command_entry),
 * starting from its defaults: weight 1, direct routing, the ipip tunnel and a /32 mask.
 * Options are applied in the order given, so later ones see what earlier ones set.
 */
final class CommandEntry {
    CommandKind command;

    // the virtual service
    AddressFamily serviceFamily;
    /** null for ipvsadm's IPPROTO_IP (no -t/-u/--sctp-service yet). */
    Protocol protocol;
    InetAddress serviceAddress;
    int servicePort;
    int fwmark;
    String scheduler = "";
    int serviceFlags;
    int persistenceTimeout;
    int netmask = 0xFFFFFFFF;
    String persistenceEngine = "";
    ProxyProtocol proxyProtocol = ProxyProtocol.NONE;
    /** Alibaba's -z: a FULLNAT local address. */
    InetAddress localAddress;

    // the real server
    AddressFamily destinationFamily;
    InetAddress destinationAddress;
    int destinationPort;
    ForwardMethod method = ForwardMethod.DROUTE;
    int weight = 1;
    int upperThreshold;
    int lowerThreshold;
    int tunnelType;
    int tunnelPort;
    int tunnelFlags = TunnelFlags.NOCSUM;

    // --set
    int tcpTimeout;
    int tcpFinTimeout;
    int udpTimeout;

    // the sync daemon
    SyncDaemonSpec.State daemonState;
    String multicastInterface = "";
    int syncId;
    int syncMaxLength;
    String multicastGroup = "";
    int multicastPort;
    int multicastTtl;
}
