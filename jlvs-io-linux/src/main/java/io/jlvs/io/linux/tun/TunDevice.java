package io.jlvs.io.linux.tun;

import io.jlvs.io.linux.Descriptor;
import io.jlvs.io.linux.LinuxNative;
import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.Fcntl;
import io.jlvs.io.linux.ffi.IfTun;
import io.jlvs.io.linux.ffi.Ioctl;
import io.jlvs.io.linux.ffi.Unistd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A layer-3 TUN device (IFF_TUN | IFF_NO_PI) this process made: each write hands one bare IP packet
 * to the kernel as if it had arrived on the device, each read takes one the kernel routed out of
 * it. The device lives as long as the descriptor: {@link #close()} removes it. Reads and writes
 * allocate nothing; one thread at a time.
 */
public final class TunDevice implements AutoCloseable {
    private final Descriptor descriptor;
    private final String name;

    private TunDevice(Descriptor descriptor, String name) {
        this.descriptor = descriptor;
        this.name = name;
    }

    /**
     * Makes TUN device name (at most 15 characters of ASCII letters, digits, '.', '-' and '_'; the
     * kernel picks the number for a name such as "jlvstun%d"). It is down until brought up.
     */
    public static TunDevice open(String name) throws SystemCallException {
        checkName(name);
        LinuxNative.ensureAvailability();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(arena);
            int fd = Fcntl.open(state, arena.allocateFrom(IfTun.CLONE_DEVICE), Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0);
            if (fd < 0) {
                throw new SystemCallException("open(" + IfTun.CLONE_DEVICE + ")", Errno.get(state));
            }
            Descriptor descriptor = Descriptor.adopt(fd);
            MemorySegment request = IfTun.allocateIfreq(arena, name, (short) (IfTun.IFF_TUN | IfTun.IFF_NO_PI));
            if (Ioctl.ioctl(state, fd, IfTun.TUNSETIFF, request) != 0) {
                SystemCallException failure = new SystemCallException("ioctl(TUNSETIFF, " + name + ")",
                        Errno.get(state));
                descriptor.close();
                throw failure;
            }
            return new TunDevice(descriptor, IfTun.ifreqName(request));
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() >= IfTun.IFNAMSIZ || !name.matches("[A-Za-z0-9._%-]+")
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a device name: '" + name + "' (1 to " + (IfTun.IFNAMSIZ - 1)
                    + " letters, digits, '.', '-' or '_')");
        }
    }

    /** The device's name as the kernel gave it. */
    public String name() {
        return name;
    }

    /**
     * Hands the IP packet of length bytes at the start of packet to the kernel as received on this
     * device (packet may be longer: a slice made once, so that nothing is allocated per packet).
     *
     * @return false when the kernel refused it for its content (EINVAL: not an IP packet, or a
     *     length the device does not take); the packet is then dropped
     */
    public boolean write(MemorySegment packet, int length) throws SystemCallException {
        if (length > packet.byteSize()) {
            throw new IndexOutOfBoundsException("a packet of " + length + " bytes in a segment of " + packet.byteSize());
        }
        while (true) {
            long written = Unistd.write(descriptor.callState(), descriptor.fd(), packet, length);
            if (written >= 0) {
                return true;
            }
            int errno = descriptor.errno();
            if (errno == Errno.EINVAL) {
                return false;
            }
            if (errno != Errno.EINTR) {
                throw descriptor.failure("write(" + name + ", " + length + " bytes)");
            }
        }
    }

    /**
     * Waits for a packet the kernel routed out of this device and copies it to the start of buffer.
     *
     * @return its length
     */
    public int read(MemorySegment buffer) throws SystemCallException {
        while (true) {
            long read = Unistd.read(descriptor.callState(), descriptor.fd(), buffer, buffer.byteSize());
            if (read >= 0) {
                return (int) read;
            }
            if (descriptor.errno() != Errno.EINTR) {
                throw descriptor.failure("read(" + name + ")");
            }
        }
    }

    /** The descriptor, for poll(2). */
    public int fd() {
        return descriptor.fd();
    }

    /** Closes the descriptor, which removes the device. */
    @Override
    public void close() throws SystemCallException {
        descriptor.close();
    }
}
