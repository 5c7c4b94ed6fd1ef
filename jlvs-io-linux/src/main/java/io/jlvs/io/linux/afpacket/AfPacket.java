package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.Availability;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.IfPacket;
import io.jlvs.io.linux.ffi.SocketCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Whether AF_PACKET ports can be opened here, probed once (as Netty's Epoll is): the Linux
 * bindings must work and this process must be allowed to open a packet socket (root or
 * CAP_NET_RAW). When not, {@link #unavailabilityCause()} says why. Whether an interface exists is
 * checked when a port is opened on it ({@link NoSuchInterfaceException}).
 */
public final class AfPacket {
    private static final Availability AVAILABILITY = availability(probe());

    private AfPacket() {
    }

    private static Throwable probe() {
        if (!LinuxNative.isAvailable()) {
            return LinuxNative.unavailabilityCause();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(arena);
            // Protocol 0: the socket receives nothing; it only shows that one may be opened.
            int fd = SocketCalls.socket(state, IfPacket.AF_PACKET, SocketCalls.SOCK_RAW | SocketCalls.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                return causeOf(Errno.get(state));
            }
            SocketCalls.close(state, fd);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /** What a failed socket(AF_PACKET, SOCK_RAW, 0) means for the user. */
    static Throwable causeOf(int errno) {
        SystemCallException call = new SystemCallException("socket(AF_PACKET, SOCK_RAW)", errno);
        return switch (errno) {
            case Errno.EPERM, Errno.EACCES ->
                    new UnsupportedOperationException("AF_PACKET needs root or CAP_NET_RAW (" + call.getMessage() + ")", call);
            case Errno.EAFNOSUPPORT ->
                    new UnsupportedOperationException("this kernel has no AF_PACKET (" + call.getMessage() + ")", call);
            default -> call;
        };
    }

    private static Availability availability(Throwable cause) {
        return cause == null ? Availability.AVAILABLE
                : Availability.unavailable("AF_PACKET is unavailable: " + cause.getMessage(), cause);
    }

    /** Whether ports can be opened. */
    public static boolean isAvailable() {
        return AVAILABILITY.isAvailable();
    }

    /** Why they cannot, or null when they can. */
    public static Throwable unavailabilityCause() {
        return AVAILABILITY.cause();
    }

    /** Throws, naming the cause, unless ports can be opened. */
    public static void ensureAvailability() {
        AVAILABILITY.ensure();
    }
}
