package io.jlvs.core.proto;

import io.jlvs.core.model.Timeouts;

/**
 * The per-protocol state machines and timeout tables of one IPVS instance (the kernel's
 * ip_vs_proto_data of TCP, UDP and SCTP): what a connection's state becomes on a packet, whether
 * that state is active, and how long it lives there. ipvsadm --set changes three entries.
 *
 * <p>Owned by one thread; reads on the packet path allocate nothing.
 */
public final class ProtocolStates {
    /** IPPROTO_IP: the protocol of a firewall-mark persistence template. */
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_SCTP = 132;

    /** The state a new connection starts in (0: NONE for TCP and SCTP, NORMAL for UDP). */
    public static final int INITIAL_STATE = 0;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long[] tcpTimeouts = new long[TcpStateTable.STATE_COUNT];
    private final long[] sctpTimeouts = new long[SctpStateTable.STATE_COUNT];
    private long udpTimeout;
    private boolean secureTcp;

    /** Tables with the kernel's default timeouts. */
    public ProtocolStates() {
        for (int s = 0; s < tcpTimeouts.length; s++) {
            tcpTimeouts[s] = TcpStateTable.defaultTimeoutSeconds(s) * NANOS_PER_SECOND;
        }
        for (int s = 0; s < sctpTimeouts.length; s++) {
            sctpTimeouts[s] = SctpStateTable.defaultTimeoutSeconds(s) * NANOS_PER_SECOND;
        }
        udpTimeout = UdpState.DEFAULT_TIMEOUT_SECONDS * NANOS_PER_SECOND;
    }

    /**
     * ipvsadm --set tcp tcpfin udp (ip_vs_set_timeout): TCP ESTABLISHED, TCP FIN_WAIT and UDP
     * NORMAL; a 0 keeps the current value.
     */
    public void setTimeouts(Timeouts update) {
        Timeouts merged = timeouts().merge(update);
        tcpTimeouts[TcpState.ESTABLISHED.ordinal()] = merged.tcp() * NANOS_PER_SECOND;
        tcpTimeouts[TcpState.FIN_WAIT.ordinal()] = merged.tcpFin() * NANOS_PER_SECOND;
        udpTimeout = merged.udp() * NANOS_PER_SECOND;
    }

    /** The three timeouts ipvsadm -L --timeout shows, in seconds. */
    public Timeouts timeouts() {
        return new Timeouts((int) (tcpTimeouts[TcpState.ESTABLISHED.ordinal()] / NANOS_PER_SECOND),
                (int) (tcpTimeouts[TcpState.FIN_WAIT.ordinal()] / NANOS_PER_SECOND),
                (int) (udpTimeout / NANOS_PER_SECOND));
    }

    /** Swaps in the secure_tcp (defense) TCP tables, as the kernel's tcp_timeout_change. */
    public void setSecureTcp(boolean on) {
        secureTcp = on;
    }

    public boolean secureTcp() {
        return secureTcp;
    }

    /** How long a connection of this protocol lives in a state without packets, in nanoseconds. */
    public long timeoutNanos(int protocol, int state) {
        return switch (protocol) {
            case IPPROTO_TCP -> tcpTimeouts[state];
            case IPPROTO_SCTP -> sctpTimeouts[state];
            default -> udpTimeout;
        };
    }

    /**
     * The state after a packet. Events are the protocol's: {@link TcpStateTable#event} for TCP,
     * {@link SctpStateTable#event} for SCTP; UDP stays NORMAL whatever the event.
     */
    public int next(int protocol, int direction, int event, int state) {
        return switch (protocol) {
            case IPPROTO_TCP -> TcpStateTable.next(secureTcp, direction, event, state);
            case IPPROTO_SCTP -> SctpStateTable.next(direction, event, state);
            default -> state;
        };
    }

    /** Whether a connection in this state counts as ActiveConn. */
    public static boolean isActive(int protocol, int state) {
        return switch (protocol) {
            case IPPROTO_TCP -> TcpStateTable.isActive(state);
            case IPPROTO_SCTP -> SctpStateTable.isActive(state);
            default -> false;
        };
    }

    /** The state's name as the kernel prints it for a connection of this protocol. */
    public static String stateName(int protocol, int state) {
        return switch (protocol) {
            case IPPROTO_TCP -> TcpStateTable.name(state);
            case IPPROTO_SCTP -> SctpStateTable.name(state);
            case IPPROTO_UDP -> UdpState.name(state);
            default -> "NONE";
        };
    }

    /** The protocol's name as ipvsadm -Lc prints it ("IP" for a firewall-mark template). */
    public static String protocolName(int protocol) {
        return switch (protocol) {
            case IPPROTO_TCP -> "TCP";
            case IPPROTO_UDP -> "UDP";
            case IPPROTO_SCTP -> "SCTP";
            case IPPROTO_IP -> "IP";
            default -> "IP_" + protocol;
        };
    }
}
