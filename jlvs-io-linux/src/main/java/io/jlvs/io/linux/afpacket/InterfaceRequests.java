package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.Ifreq;
import io.jlvs.io.linux.ffi.Ioctl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * What a port needs to know of its interface, asked through its own socket with the SIOCGIF*
 * ioctls (so in the socket's network namespace, whichever thread asks): index, MTU and MAC.
 */
final class InterfaceRequests {
    /** ARPHRD_ETHER: the hardware type of Ethernet-like interfaces (veth, physical NICs). */
    private static final short ARPHRD_ETHER = 1;
    private static final int MAC_BYTES = 6;

    private InterfaceRequests() {
    }

    /** Refuses what cannot be an interface name (empty, over 15 bytes, a slash, a space or a NUL). */
    static void checkName(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes >= Ifreq.IFNAMSIZ || name.chars().anyMatch(c -> c == '/' || c == 0
                || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("not an interface name: '" + name + "' (1 to " + (Ifreq.IFNAMSIZ - 1)
                    + " bytes, no '/' or white space)");
        }
    }

    static int index(MemorySegment state, int fd, String name) throws NoSuchInterfaceException, SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = Ifreq.allocate(arena, name);
            if (Ioctl.ioctl(state, fd, Ioctl.SIOCGIFINDEX, request) != 0) {
                int errno = Errno.get(state);
                SystemCallException failure = new SystemCallException("ioctl(SIOCGIFINDEX, " + name + ")", errno);
                if (errno == Errno.ENODEV) {
                    throw new NoSuchInterfaceException(name, failure);
                }
                throw failure;
            }
            return Ifreq.intValue(request);
        }
    }

    static int mtu(MemorySegment state, int fd, String name) throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = Ifreq.allocate(arena, name);
            if (Ioctl.ioctl(state, fd, Ioctl.SIOCGIFMTU, request) != 0) {
                throw new SystemCallException("ioctl(SIOCGIFMTU, " + name + ")", Errno.get(state));
            }
            return Ifreq.intValue(request);
        }
    }

    /** The MAC address; an interface that is not Ethernet-like is refused, since ports speak Ethernet frames. */
    static byte[] macAddress(MemorySegment state, int fd, String name) throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = Ifreq.allocate(arena, name);
            if (Ioctl.ioctl(state, fd, Ioctl.SIOCGIFHWADDR, request) != 0) {
                throw new SystemCallException("ioctl(SIOCGIFHWADDR, " + name + ")", Errno.get(state));
            }
            short family = request.get(ValueLayout.JAVA_SHORT, Ifreq.INT_VALUE_OFFSET);
            if (family != ARPHRD_ETHER) {
                throw new IllegalArgumentException(name + " is not an Ethernet interface (hardware type " + family
                        + "); AF_PACKET ports carry Ethernet frames");
            }
            return Ifreq.hardwareAddress(request, MAC_BYTES);
        }
    }
}
