package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.IfPacket;
import io.jlvs.io.linux.ffi.SocketCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The SOL_PACKET options of one socket being opened, each failure naming the option, the interface and errno. */
final class SocketSetup {
    private final Arena arena;
    private final MemorySegment state;
    private final int fd;
    private final String interfaceName;

    SocketSetup(Arena arena, MemorySegment state, int fd, String interfaceName) {
        this.arena = arena;
        this.state = state;
        this.fd = fd;
        this.interfaceName = interfaceName;
    }

    void setInt(String option, int name, int value) throws SystemCallException {
        set(option, name, arena.allocateFrom(ValueLayout.JAVA_INT, value));
    }

    void set(String option, int name, MemorySegment value) throws SystemCallException {
        if (SocketCalls.setsockopt(state, fd, IfPacket.SOL_PACKET, name, value, (int) value.byteSize()) != 0) {
            throw new SystemCallException("setsockopt(" + option + ") on " + interfaceName, Errno.get(state));
        }
    }

    /** PACKET_IGNORE_OUTGOING, which kernels before 4.20 lack: said so rather than receiving our own frames. */
    void ignoreOutgoing() throws SystemCallException {
        try {
            setInt("PACKET_IGNORE_OUTGOING", IfPacket.PACKET_IGNORE_OUTGOING, 1);
        } catch (SystemCallException e) {
            if (e.errno() == Errno.ENOPROTOOPT) {
                throw new UnsupportedOperationException("this kernel cannot keep outgoing frames off a packet socket"
                        + " (PACKET_IGNORE_OUTGOING needs Linux 4.20 or later): " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
