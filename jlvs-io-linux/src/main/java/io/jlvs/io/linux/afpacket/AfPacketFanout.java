package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.ffi.IfPacket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * N ports on one interface for N workers, in one PACKET_FANOUT group: the kernel spreads the
 * interface's frames over them by the symmetric flow hash (PACKET_FANOUT_HASH), so both
 * directions of a flow reach the same worker, and reassembles IP fragments first
 * (PACKET_FANOUT_FLAG_DEFRAG), so a flow's fragments do too. The kernel picks the group id for
 * the first member (PACKET_FANOUT_FLAG_UNIQUEID) and the others join it, so groups of different
 * jlvsd instances (or of the same one on several interfaces) never meet.
 */
public final class AfPacketFanout {
    private static final int MODE = IfPacket.PACKET_FANOUT_HASH | IfPacket.PACKET_FANOUT_FLAG_DEFRAG;

    private AfPacketFanout() {
    }

    /** Opens members ports in one group on the interface, in the calling thread's network namespace. */
    public static List<AfPacketPort> open(String interfaceName, int members, AfPacketOptions options)
            throws IOException {
        if (members < 1 || members > 1024) {
            throw new IllegalArgumentException("a fanout group has 1 to 1024 members, not " + members);
        }
        List<AfPacketPort> ports = new ArrayList<>(members);
        try {
            AfPacketPort first = AfPacketPort.open(interfaceName, options,
                    (MODE | IfPacket.PACKET_FANOUT_FLAG_UNIQUEID) << 16);
            ports.add(first);
            int groupId = first.fanoutArgument() & 0xffff;
            for (int i = 1; i < members; i++) {
                ports.add(AfPacketPort.open(interfaceName, options, groupId | MODE << 16));
            }
            return List.copyOf(ports);
        } catch (IOException | RuntimeException e) {
            ports.forEach(AfPacketPort::close);
            throw e;
        }
    }
}
