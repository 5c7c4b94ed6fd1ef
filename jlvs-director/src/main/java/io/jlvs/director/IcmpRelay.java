package io.jlvs.director;

import io.jlvs.core.conn.ConnectionFlags;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.service.Flow;
import io.jlvs.packet.Checksums;
import io.jlvs.packet.FrameVerdict;
import io.jlvs.packet.IpProtocol;
import io.jlvs.packet.NetworkBytes;
import io.jlvs.packet.ParsedFrame;
import io.jlvs.packet.QuotedPacket;

import java.lang.foreign.MemorySegment;

/**
 * ICMP errors about a connection's packets, relayed to the other side with the quoted packet
 * translated, as ip_vs_in_icmp and ip_vs_out_icmp do: an error from a real server's side (port
 * unreachable, fragmentation needed) quoting a request is a reply of the connection and goes to the
 * client, seeming to come from the VIP; an error from the client's side quoting a reply goes to the
 * real server by the connection's method. The quoted addresses and ports are rewritten as the
 * packet's own would be; the ICMP checksum is computed afresh (the quoted TCP/UDP checksum is left,
 * as the kernel leaves it). Allocates nothing.
 *
 * <pre>
 *  outer IP | ICMP type code cksum rest | quoted IP header | quoted 8 bytes (ports first)
 * </pre>
 */
final class IcmpRelay {
    private final ConnectionTable table;
    private final Flow flow;
    private final Egress egress;
    private final Transmitter[] transmitters;
    private final ForwardingCounters counters;
    private final AddressRewriter outer = new AddressRewriter();
    private final AddressRewriter quoted = new AddressRewriter();
    private final QuotedPacket quote = new QuotedPacket();
    private final int[] source = new int[4];
    private final int[] destination = new int[4];

    IcmpRelay(ConnectionTable table, Flow flow, Egress egress, Transmitter[] transmitters, ForwardingCounters counters) {
        this.table = table;
        this.flow = flow;
        this.egress = egress;
        this.transmitters = transmitters;
        this.counters = counters;
    }

    /**
     * Relays the current frame, an ICMP or ICMPv6 error, when it quotes a packet of a connection.
     *
     * @return false when it is no connection's (the caller decides whose it is)
     */
    boolean relay(CurrentFrame frame) {
        ParsedFrame parsed = frame.parsed;
        int family = parsed.family();
        long quotedAt = family == 4 ? parsed.icmp().quotedPacketOffset() : parsed.icmpv6().quotedPacketOffset();
        if (quote.parse(frame.segment, quotedAt, (int) (parsed.l3End() - quotedAt)) != FrameVerdict.OK
                || quote.family() != family || quote.isLaterFragment()) {
            return false;
        }
        readAddresses(family);
        Protocol transport = switch (quote.l4Protocol()) {
            case IpProtocol.TCP -> Protocol.TCP;
            case IpProtocol.UDP -> Protocol.UDP;
            case 132 -> Protocol.SCTP;
            default -> null;
        };
        if (transport == null) {
            return false;
        }
        // The quoted packet went the other way: reversed, it is a packet of the connection.
        setFlow(transport, family, destination, quote.destinationPort(), source, quote.sourcePort());
        int slot = table.findOutbound(flow);
        if (slot != ConnectionTable.NONE) {
            return fromRealServer(frame, slot);
        }
        slot = table.findInbound(flow);
        if (slot != ConnectionTable.NONE) {
            fromClient(frame, slot);
            return true;
        }
        return false;
    }

    private void readAddresses(int family) {
        if (family == 4) {
            source[0] = quote.ipv4().source();
            destination[0] = quote.ipv4().destination();
            source[1] = source[2] = source[3] = destination[1] = destination[2] = destination[3] = 0;
        } else {
            for (int i = 0; i < 4; i++) {
                source[i] = quote.ipv6().source(i);
                destination[i] = quote.ipv6().destination(i);
            }
        }
    }

    private void setFlow(Protocol transport, int family, int[] from, int fromPort, int[] to, int toPort) {
        if (family == 4) {
            flow.setIpv4(transport, from[0], fromPort, to[0], toPort);
        } else {
            flow.setIpv6(transport, fromPort, toPort);
            for (int i = 0; i < 4; i++) {
                flow.sourceWord(i, from[i]).destinationWord(i, to[i]);
            }
        }
    }

    /** An error from the real server's side about a request: to the client, from the VIP. */
    private boolean fromRealServer(CurrentFrame frame, int slot) {
        int method = table.flags(slot) & ConnectionFlags.FWD_MASK;
        if (method != ConnectionFlags.MASQ && method != ConnectionFlags.FULLNAT) {
            return false;
        }
        table.countOut(slot, frame.ipLength());
        bindOuter(frame).source(table.virtualWord(slot, 0), table.virtualWord(slot, 1), table.virtualWord(slot, 2),
                table.virtualWord(slot, 3));
        bindQuoted(frame).destination(table.virtualWord(slot, 0), table.virtualWord(slot, 1),
                table.virtualWord(slot, 2), table.virtualWord(slot, 3)).destinationPort(table.virtualPort(slot));
        if (method == ConnectionFlags.FULLNAT) {
            outer.destination(table.clientWord(slot, 0), table.clientWord(slot, 1), table.clientWord(slot, 2),
                    table.clientWord(slot, 3));
            quoted.source(table.clientWord(slot, 0), table.clientWord(slot, 1), table.clientWord(slot, 2),
                    table.clientWord(slot, 3)).sourcePort(table.clientPort(slot));
        }
        finishChecksum(frame);
        egress.send(frame, Egress.TO_CLIENT, table.clientWord(slot, 0), table.clientWord(slot, 1),
                table.clientWord(slot, 2), table.clientWord(slot, 3));
        return true;
    }

    /** An error from the client's side about a reply: to the real server, by the connection's method. */
    private void fromClient(CurrentFrame frame, int slot) {
        int method = table.flags(slot) & ConnectionFlags.FWD_MASK;
        table.countIn(slot, frame.ipLength());
        if (method != ConnectionFlags.MASQ && method != ConnectionFlags.FULLNAT) {
            Transmitter transmitter = transmitters[method];
            if (transmitter == null) {
                counters.passedToKernel++;
            } else {
                transmitter.toRealServer(frame, slot);
            }
            return;
        }
        int d0 = table.destinationWord(slot, 0);
        int d1 = table.destinationWord(slot, 1);
        int d2 = table.destinationWord(slot, 2);
        int d3 = table.destinationWord(slot, 3);
        bindOuter(frame).destination(d0, d1, d2, d3);
        bindQuoted(frame).source(d0, d1, d2, d3).sourcePort(table.destinationPort(slot));
        if (method == ConnectionFlags.FULLNAT) {
            outer.source(table.localWord(slot, 0), table.localWord(slot, 1), table.localWord(slot, 2),
                    table.localWord(slot, 3));
            quoted.destination(table.localWord(slot, 0), table.localWord(slot, 1), table.localWord(slot, 2),
                    table.localWord(slot, 3)).destinationPort(table.localPort(slot));
        }
        finishChecksum(frame);
        egress.send(frame, Egress.TO_REAL_SERVER, d0, d1, d2, d3);
    }

    private AddressRewriter bindOuter(CurrentFrame frame) {
        return outer.bind(frame.segment, frame.parsed.l3Offset(), frame.parsed.l4Offset(), frame.family(),
                frame.parsed.l4Protocol(), false, false, false);
    }

    private AddressRewriter bindQuoted(CurrentFrame frame) {
        return quoted.bind(frame.segment, quote.l3Offset(), quote.l4Offset(), frame.family(), quote.l4Protocol(), false,
                true, false);
    }

    /** The ICMP checksum over the whole message (ICMPv6's with the pseudo-header), computed afresh. */
    private static void finishChecksum(CurrentFrame frame) {
        ParsedFrame parsed = frame.parsed;
        long icmp = parsed.l4Offset();
        int length = (int) (parsed.l3End() - icmp);
        NetworkBytes.setU16(frame.segment, icmp + 2, 0);
        long sum = Checksums.sum(frame.segment, icmp, length);
        if (parsed.family() == 6) {
            sum += Checksums.ipv6PseudoHeaderSum(frame.segment, parsed.l3Offset(), IpProtocol.ICMPV6, length);
        }
        NetworkBytes.setU16(frame.segment, icmp + 2, Checksums.complement(sum));
    }
}
