package io.jlvs.io.linux.afpacket;

import io.jlvs.io.linux.SystemCallException;
import io.jlvs.io.linux.ffi.Errno;
import io.jlvs.io.linux.ffi.IfPacket;
import io.jlvs.io.linux.ffi.Mman;
import io.jlvs.io.linux.ffi.Poll;
import io.jlvs.io.linux.ffi.SockaddrLl;
import io.jlvs.io.linux.ffi.SocketCalls;
import io.jlvs.io.linux.ffi.SocketOptions;
import io.jlvs.io.linux.ffi.Tpacket3Hdr;
import io.jlvs.io.linux.ffi.TpacketBlockDesc;
import io.jlvs.io.linux.ffi.TpacketReq3;
import io.jlvs.io.linux.ffi.VirtioNetHdr;
import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.FrameReceiver;
import io.jlvs.packet.io.PacketPort;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@link PacketPort} on one interface through an AF_PACKET socket with TPACKET_V3 rings shared
 * with the kernel (one mmap: receive ring, then transmit ring): the kernel writes received frames
 * into the ring and takes transmitted ones from it, so there is no system call per frame.
 *
 * <p><b>Receive.</b> The ring is cut into blocks the kernel fills with frames and hands over whole
 * (when full, or after the retire timeout); {@link #receive} walks the frames of ready blocks and
 * gives each block back when it has passed its last frame. Each frame has a struct virtio_net_hdr in
 * front (PACKET_VNET_HDR), read into the port's {@link FrameOffload}: veth and GRO hand over TCP
 * super-frames of up to 64 KiB (GSO) and frames whose checksum is partial, which must travel on
 * as such. A block is therefore at least 128 KiB, so the largest such frame fits whole (the
 * kernel would cut a frame longer than a block, and such a frame is skipped and counted, never
 * handed on). An 802.1Q tag the kernel stripped (TP_STATUS_VLAN_VALID) is put back: the MAC
 * addresses move 4 bytes towards the frame's header, into the room the virtio_net_hdr leaves once
 * read, and the checksum start moves with them. PACKET_RESERVE of 2 puts the IP header on a
 * multiple of 4 in the ring, tagged or not.
 *
 * <p><b>Transmit.</b> The transmit ring has fixed slots big enough for a 64 KiB frame (15 in each
 * 1 MiB block): {@link #claim} returns the next slot when the kernel has released it,
 * {@link #commit} writes the virtio_net_hdr from the given offload (so the kernel cuts a GSO frame
 * into segments and finishes a partial checksum) and marks the slot for sending, and
 * {@link #flush} is one sendto(MSG_DONTWAIT) for the whole batch. PACKET_LOSS makes the kernel skip
 * a frame it finds malformed rather than stop the ring.
 *
 * <p><b>Costs.</b> With the defaults ({@link AfPacketOptions#DEFAULTS}) a port maps 12 MiB (8 of
 * receive ring, 4 of transmit ring). When traffic is light a frame waits in its block up to the
 * retire timeout (1 ms by default) before the kernel hands the block over; under load blocks fill
 * and go at once.
 *
 * <p>The socket is bound to the interface for every protocol, and PACKET_IGNORE_OUTGOING keeps
 * what the host (jlvsd included) transmits on the interface out of the receive ring. A port in
 * a fanout group ({@link AfPacketFanout}) receives its share of the interface's frames. Owned by
 * one thread (it may be opened on another, such as one inside a network namespace); nothing
 * allocates per frame.
 */
public final class AfPacketPort implements PacketPort {
    /** Bytes of a transmit block. */
    public static final int TRANSMIT_BLOCK_BYTES = 1 << 20;
    /** The largest frame a slot takes: a 64 KiB IP packet behind an Ethernet header and an 802.1Q tag. */
    public static final int MAX_FRAME_BYTES = 65_535 + 14 + 4;
    /** A transmit slot: the tpacket3_hdr, the virtio_net_hdr and the frame, TPACKET_ALIGNed. */
    static final int TRANSMIT_SLOT_BYTES = (int) IfPacket.align(Tpacket3Hdr.TX_DATA_OFFSET + VirtioNetHdr.BYTES
            + MAX_FRAME_BYTES);
    /** Slots in a transmit block. */
    public static final int TRANSMIT_SLOTS_PER_BLOCK = TRANSMIT_BLOCK_BYTES / TRANSMIT_SLOT_BYTES;
    /** Where a slot's frame starts: after the header and the virtio_net_hdr. */
    private static final long TRANSMIT_FRAME_OFFSET = Tpacket3Hdr.TX_DATA_OFFSET + VirtioNetHdr.BYTES;
    /** The nominal frame size of the receive ring (TPACKET_V3 packs frames by their real size). */
    private static final int RECEIVE_FRAME_BYTES = 2048;
    /** PACKET_RESERVE: with it the IP header of a received frame sits on a multiple of 4. */
    private static final int RESERVE = 2;
    private static final int VLAN_TAG_BYTES = 4;
    private static final int MAC_ADDRESSES_BYTES = 12;
    private static final int TPID_8021Q = 0x8100;
    /** What a device takes beyond its MTU: the Ethernet header and one VLAN tag. */
    private static final int ETHERNET_AND_TAG_BYTES = 14 + 4;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final ValueLayout.OfShort BIG_ENDIAN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED
            .withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort HOST_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private final String name;
    private final int fd;
    private final int interfaceIndex;
    private final int mtu;
    private final byte[] macAddress;
    private final Arena arena;
    private final MemorySegment callState;
    private final MemorySegment pollDescriptor;
    private final MemorySegment pollTimeout;
    private final MemorySegment receiveRing;
    private final MemorySegment transmitRing;
    private final int receiveBlockBytes;
    private final int receiveBlocks;
    private final int transmitSlots;
    private final FrameOffload offload = new FrameOffload();

    /** The receive block being read, and within it the frames left and where the next one's header is. */
    private int block;
    private int framesLeftInBlock = -1;
    private long nextFrame;
    /** The next transmit slot to claim, the first committed and not yet sent, and how many are committed. */
    private int transmitHead;
    private int firstUnsent;
    private int unsent;

    private long truncatedFrames;
    private long oversizedFrames;
    private long transmitErrors;
    private int lastTransmitErrno;
    private long socketErrors;
    private boolean closed;

    private AfPacketPort(String name, int fd, int interfaceIndex, int mtu, byte[] macAddress, Arena arena,
            MemorySegment callState, MemorySegment ring, AfPacketOptions options) {
        this.name = name;
        this.fd = fd;
        this.interfaceIndex = interfaceIndex;
        this.mtu = mtu;
        this.macAddress = macAddress;
        this.arena = arena;
        this.callState = callState;
        this.receiveBlockBytes = options.receiveBlockBytes();
        this.receiveBlocks = options.receiveBlocks();
        this.transmitSlots = options.transmitBlocks() * TRANSMIT_SLOTS_PER_BLOCK;
        long receiveBytes = (long) receiveBlockBytes * receiveBlocks;
        this.receiveRing = ring.asSlice(0, receiveBytes);
        this.transmitRing = ring.asSlice(receiveBytes, (long) options.transmitBlocks() * TRANSMIT_BLOCK_BYTES);
        this.pollDescriptor = Poll.allocatePollfd(arena, fd, Poll.POLLIN);
        this.pollTimeout = arena.allocate(Poll.TIMESPEC);
    }

    /** A port on the interface with the default rings, in the calling thread's network namespace. */
    public static AfPacketPort open(String interfaceName) throws IOException {
        return open(interfaceName, AfPacketOptions.DEFAULTS);
    }

    /** A port on the interface, in the calling thread's network namespace. */
    public static AfPacketPort open(String interfaceName, AfPacketOptions options) throws IOException {
        return open(interfaceName, options, -1);
    }

    /**
     * Opens the socket, sets it up in the order the kernel requires (the virtio_net_hdr, version and
     * reserve before the rings; the rings before mmap; bind last, so nothing is received before
     * the rings are ready), then joins a fanout group when fanout is not -1.
     */
    static AfPacketPort open(String interfaceName, AfPacketOptions options, int fanout) throws IOException {
        InterfaceRequests.checkName(interfaceName);
        AfPacket.ensureAvailability();
        Arena arena = Arena.ofShared();
        int fd = -1;
        try {
            MemorySegment state = Errno.allocateState(arena);
            fd = SocketCalls.socket(state, IfPacket.AF_PACKET, SocketCalls.SOCK_RAW | SocketCalls.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new SystemCallException("socket(AF_PACKET, SOCK_RAW) for " + interfaceName, Errno.get(state));
            }
            int index = InterfaceRequests.index(state, fd, interfaceName);
            int mtu = InterfaceRequests.mtu(state, fd, interfaceName);
            byte[] mac = InterfaceRequests.macAddress(state, fd, interfaceName);
            SocketSetup setup = new SocketSetup(arena, state, fd, interfaceName);
            setup.setInt("PACKET_VNET_HDR", IfPacket.PACKET_VNET_HDR, 1);
            setup.setInt("PACKET_VERSION", IfPacket.PACKET_VERSION, IfPacket.TPACKET_V3);
            setup.setInt("PACKET_RESERVE", IfPacket.PACKET_RESERVE, RESERVE);
            setup.setInt("PACKET_LOSS", IfPacket.PACKET_LOSS, 1);
            int framesPerBlock = options.receiveBlockBytes() / RECEIVE_FRAME_BYTES;
            setup.set("PACKET_RX_RING", IfPacket.PACKET_RX_RING, TpacketReq3.allocate(arena, options.receiveBlockBytes(),
                    options.receiveBlocks(), RECEIVE_FRAME_BYTES, framesPerBlock * options.receiveBlocks(),
                    options.retireTimeoutMillis()));
            setup.set("PACKET_TX_RING", IfPacket.PACKET_TX_RING, TpacketReq3.allocate(arena, TRANSMIT_BLOCK_BYTES,
                    options.transmitBlocks(), TRANSMIT_SLOT_BYTES, TRANSMIT_SLOTS_PER_BLOCK * options.transmitBlocks(),
                    0));
            MemorySegment ring = map(arena, state, fd, interfaceName,
                    (long) options.receiveBlockBytes() * options.receiveBlocks()
                            + (long) TRANSMIT_BLOCK_BYTES * options.transmitBlocks());
            setup.ignoreOutgoing();
            if (SocketCalls.bind(state, fd, SockaddrLl.allocate(arena, IfPacket.ETH_P_ALL, index), SockaddrLl.BYTES) != 0) {
                throw new SystemCallException("bind(AF_PACKET, " + interfaceName + ")", Errno.get(state));
            }
            if (fanout != -1) {
                setup.setInt("PACKET_FANOUT", IfPacket.PACKET_FANOUT, fanout);
            }
            return new AfPacketPort(interfaceName, fd, index, mtu, mac, arena, state, ring, options);
        } catch (IOException | RuntimeException e) {
            arena.close();
            if (fd >= 0) {
                try (Arena closing = Arena.ofConfined()) {
                    SocketCalls.close(Errno.allocateState(closing), fd);
                }
            }
            throw e;
        }
    }

    /** Maps both rings; the mapping is undone when the arena closes, so no access outlives it. */
    private static MemorySegment map(Arena arena, MemorySegment state, int fd, String interfaceName, long bytes)
            throws SystemCallException {
        MemorySegment address = Mman.mmap(state, MemorySegment.NULL, bytes, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_SHARED | Mman.MAP_POPULATE, fd, 0);
        if (address.address() == Mman.MAP_FAILED) {
            throw new SystemCallException("mmap of " + bytes + " bytes of packet rings for " + interfaceName,
                    Errno.get(state));
        }
        return address.reinterpret(bytes, arena, mapped -> {
            try (Arena unmapping = Arena.ofConfined()) {
                Mman.munmap(Errno.allocateState(unmapping), mapped, bytes);
            }
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** The interface's index in its namespace. */
    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** The interface's MAC address (a copy). */
    public byte[] macAddress() {
        return macAddress.clone();
    }

    /** How many frames can be committed between flushes at most. */
    public int transmitSlots() {
        return transmitSlots;
    }

    @Override
    public int receive(FrameReceiver receiver, int max) {
        int count = 0;
        while (count < max) {
            if (framesLeftInBlock == 0) {
                releaseBlock();
            }
            if (framesLeftInBlock < 0 && !openReadyBlock()) {
                break;
            }
            long header = nextFrame;
            nextFrame = header + receiveRing.get(ValueLayout.JAVA_INT, header + Tpacket3Hdr.NEXT_OFFSET);
            framesLeftInBlock--;
            count += deliver(header, receiver);
        }
        // Give a finished block back now rather than at the next call, so the kernel can fill it.
        if (framesLeftInBlock == 0) {
            releaseBlock();
        }
        return count;
    }

    /** Takes the current block when the kernel has handed it over; false when it has not. */
    private boolean openReadyBlock() {
        long start = (long) block * receiveBlockBytes;
        while (true) {
            int status = (int) INT.getAcquire(receiveRing, start + TpacketBlockDesc.BLOCK_STATUS);
            if ((status & IfPacket.TP_STATUS_USER) == 0) {
                return false;
            }
            framesLeftInBlock = receiveRing.get(ValueLayout.JAVA_INT, start + TpacketBlockDesc.NUM_PKTS);
            nextFrame = start + receiveRing.get(ValueLayout.JAVA_INT, start + TpacketBlockDesc.OFFSET_TO_FIRST_PKT);
            if (framesLeftInBlock > 0) {
                return true;
            }
            releaseBlock();
            start = (long) block * receiveBlockBytes;
        }
    }

    private void releaseBlock() {
        INT.setRelease(receiveRing, (long) block * receiveBlockBytes + TpacketBlockDesc.BLOCK_STATUS,
                IfPacket.TP_STATUS_KERNEL);
        framesLeftInBlock = -1;
        block = block + 1 == receiveBlocks ? 0 : block + 1;
    }

    /** Hands one frame on; returns 1, or 0 for a frame the kernel had to cut (counted). */
    private int deliver(long header, FrameReceiver receiver) {
        int length = receiveRing.get(ValueLayout.JAVA_INT, header + Tpacket3Hdr.SNAPLEN);
        if (length != receiveRing.get(ValueLayout.JAVA_INT, header + Tpacket3Hdr.LEN)) {
            truncatedFrames++;
            return 0;
        }
        long frame = header + (receiveRing.get(HOST_SHORT, header + Tpacket3Hdr.MAC) & 0xffff);
        readOffload(frame - VirtioNetHdr.BYTES);
        int status = receiveRing.get(ValueLayout.JAVA_INT, header + Tpacket3Hdr.STATUS);
        if ((status & IfPacket.TP_STATUS_VLAN_VALID) != 0) {
            int tpid = (status & IfPacket.TP_STATUS_VLAN_TPID_VALID) != 0
                    ? receiveRing.get(HOST_SHORT, header + Tpacket3Hdr.VLAN_TPID) & 0xffff : TPID_8021Q;
            int tci = receiveRing.get(ValueLayout.JAVA_INT, header + Tpacket3Hdr.VLAN_TCI) & 0xffff;
            MemorySegment.copy(receiveRing, frame, receiveRing, frame - VLAN_TAG_BYTES, MAC_ADDRESSES_BYTES);
            frame -= VLAN_TAG_BYTES;
            receiveRing.set(BIG_ENDIAN_SHORT, frame + MAC_ADDRESSES_BYTES, (short) tpid);
            receiveRing.set(BIG_ENDIAN_SHORT, frame + MAC_ADDRESSES_BYTES + 2, (short) tci);
            length += VLAN_TAG_BYTES;
            shiftOffload(VLAN_TAG_BYTES);
        }
        receiver.onFrame(receiveRing, frame, length, offload);
        return 1;
    }

    private void readOffload(long at) {
        int flags = receiveRing.get(ValueLayout.JAVA_BYTE, at + VirtioNetHdr.FLAGS) & 0xff;
        offload.clear();
        if ((flags & VirtioNetHdr.F_NEEDS_CSUM) != 0) {
            offload.partialChecksum(receiveRing.get(HOST_SHORT, at + VirtioNetHdr.CSUM_START) & 0xffff,
                    receiveRing.get(HOST_SHORT, at + VirtioNetHdr.CSUM_OFFSET) & 0xffff);
        }
        if ((flags & VirtioNetHdr.F_DATA_VALID) != 0) {
            offload.checksumValid(true);
        }
        int gsoType = receiveRing.get(ValueLayout.JAVA_BYTE, at + VirtioNetHdr.GSO_TYPE) & 0xff;
        if (gsoType != FrameOffload.GSO_NONE) {
            offload.segmentation(gsoType, receiveRing.get(HOST_SHORT, at + VirtioNetHdr.GSO_SIZE) & 0xffff,
                    receiveRing.get(HOST_SHORT, at + VirtioNetHdr.HDR_LEN) & 0xffff);
        }
    }

    /** Moves the offsets of the offload by the bytes put in front of the headers they count from. */
    private void shiftOffload(int bytes) {
        if (offload.needsChecksum()) {
            offload.partialChecksum(offload.checksumStart() + bytes, offload.checksumOffset());
        }
        if (offload.headerLength() != 0) {
            offload.segmentation(offload.gsoType(), offload.gsoSize(), offload.headerLength() + bytes);
        }
    }

    @Override
    public boolean awaitFrames(long timeoutNanos) {
        if (frameWaiting() || timeoutNanos <= 0) {
            return frameWaiting();
        }
        pollTimeout.set(ValueLayout.JAVA_LONG, Poll.TV_SEC_OFFSET, timeoutNanos / 1_000_000_000L);
        pollTimeout.set(ValueLayout.JAVA_LONG, Poll.TV_NSEC_OFFSET, timeoutNanos % 1_000_000_000L);
        if (Poll.ppoll(callState, pollDescriptor, 1, pollTimeout, MemorySegment.NULL) > 0
                && (pollDescriptor.get(ValueLayout.JAVA_SHORT, Poll.REVENTS_OFFSET) & Poll.POLLERR) != 0) {
            clearSocketError();
        }
        return frameWaiting();
    }

    private boolean frameWaiting() {
        return framesLeftInBlock > 0 || ((int) INT.getAcquire(receiveRing, (long) block * receiveBlockBytes
                + TpacketBlockDesc.BLOCK_STATUS) & IfPacket.TP_STATUS_USER) != 0;
    }

    /**
     * Reads SO_ERROR (the interface went down, say), which clears it, so poll does not return at
     * once forever. The timespec poll no longer needs holds the value (at 0) and its length (at 8).
     */
    private void clearSocketError() {
        MemorySegment value = pollTimeout;
        MemorySegment length = pollTimeout.asSlice(8);
        length.set(ValueLayout.JAVA_INT, 0, Integer.BYTES);
        if (SocketOptions.getsockopt(callState, fd, SocketCalls.SOL_SOCKET, SocketOptions.SO_ERROR, value, length) == 0
                && value.get(ValueLayout.JAVA_INT, 0) != 0) {
            socketErrors++;
        }
    }

    @Override
    public MemorySegment transmitBuffer() {
        return transmitRing;
    }

    @Override
    public long claim(int length) {
        if (length < 0 || length > MAX_FRAME_BYTES) {
            return -1;
        }
        long slot = slotOffset(transmitHead);
        int status = (int) INT.getAcquire(transmitRing, slot + Tpacket3Hdr.STATUS);
        if ((status & (IfPacket.TP_STATUS_SEND_REQUEST | IfPacket.TP_STATUS_SENDING
                | IfPacket.TP_STATUS_WRONG_FORMAT)) != 0) {
            return -1;
        }
        return slot + TRANSMIT_FRAME_OFFSET;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A frame longer than the MTU allows that is not a GSO train is dropped here and counted in
     * {@link #oversizedFrames()}: the device would drop it, and the kernel retries a frame the
     * device dropped on every send, so it would block the ring for good.
     */
    @Override
    public void commit(long claimed, int length, FrameOffload frameOffload) {
        long slot = slotOffset(transmitHead);
        if (claimed != slot + TRANSMIT_FRAME_OFFSET || length < 0 || length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("commit of " + length + " bytes at " + claimed
                    + ": not the slot claimed last (" + (slot + TRANSMIT_FRAME_OFFSET) + ") or too long");
        }
        if (length > mtu + ETHERNET_AND_TAG_BYTES && (frameOffload == null
                || frameOffload.gsoType() == FrameOffload.GSO_NONE)) {
            oversizedFrames++;
            return;
        }
        writeOffload(slot + Tpacket3Hdr.TX_DATA_OFFSET, frameOffload);
        transmitRing.set(ValueLayout.JAVA_INT, slot + Tpacket3Hdr.LEN, VirtioNetHdr.BYTES + length);
        INT.setRelease(transmitRing, slot + Tpacket3Hdr.STATUS, IfPacket.TP_STATUS_SEND_REQUEST);
        transmitHead = transmitHead + 1 == transmitSlots ? 0 : transmitHead + 1;
        unsent++;
    }

    private void writeOffload(long at, FrameOffload frameOffload) {
        int flags = 0;
        int gsoType = FrameOffload.GSO_NONE;
        int gsoSize = 0;
        int headerLength = 0;
        int checksumStart = 0;
        int checksumOffset = 0;
        if (frameOffload != null) {
            if (frameOffload.needsChecksum()) {
                flags = VirtioNetHdr.F_NEEDS_CSUM;
                checksumStart = frameOffload.checksumStart();
                checksumOffset = frameOffload.checksumOffset();
            }
            gsoType = frameOffload.gsoType();
            if (gsoType != FrameOffload.GSO_NONE) {
                gsoSize = frameOffload.gsoSize();
                headerLength = frameOffload.headerLength();
            }
        }
        transmitRing.set(ValueLayout.JAVA_BYTE, at + VirtioNetHdr.FLAGS, (byte) flags);
        transmitRing.set(ValueLayout.JAVA_BYTE, at + VirtioNetHdr.GSO_TYPE, (byte) gsoType);
        transmitRing.set(HOST_SHORT, at + VirtioNetHdr.HDR_LEN, (short) headerLength);
        transmitRing.set(HOST_SHORT, at + VirtioNetHdr.GSO_SIZE, (short) gsoSize);
        transmitRing.set(HOST_SHORT, at + VirtioNetHdr.CSUM_START, (short) checksumStart);
        transmitRing.set(HOST_SHORT, at + VirtioNetHdr.CSUM_OFFSET, (short) checksumOffset);
    }

    /**
     * Sends the committed frames with one sendto. A frame the kernel could not take now (no
     * socket buffer, the interface down) stays queued, first in line for the next flush; the
     * failure is counted in {@link #transmitErrors()}.
     */
    @Override
    public int flush() {
        if (unsent == 0) {
            return 0;
        }
        if (SocketCalls.sendto(callState, fd, MemorySegment.NULL, 0, IfPacket.MSG_DONTWAIT, MemorySegment.NULL, 0) < 0) {
            int errno = Errno.get(callState);
            if (errno != Errno.EAGAIN) {
                transmitErrors++;
                lastTransmitErrno = errno;
            }
        }
        int left = 0;
        while (left < unsent && ((int) INT.getAcquire(transmitRing, slotOffset(firstUnsent) + Tpacket3Hdr.STATUS)
                & IfPacket.TP_STATUS_SEND_REQUEST) == 0) {
            firstUnsent = firstUnsent + 1 == transmitSlots ? 0 : firstUnsent + 1;
            left++;
        }
        unsent -= left;
        return left;
    }

    /** Where slot i starts in the transmit ring: slots fill each block from its start, as the kernel lays them out. */
    private static long slotOffset(int slot) {
        return (long) (slot / TRANSMIT_SLOTS_PER_BLOCK) * TRANSMIT_BLOCK_BYTES
                + (long) (slot % TRANSMIT_SLOTS_PER_BLOCK) * TRANSMIT_SLOT_BYTES;
    }

    /** Frames skipped because the kernel cut them to fit a block (none with the block sizes allowed). */
    public long truncatedFrames() {
        return truncatedFrames;
    }

    /** Frames not sent because they were longer than the MTU allows and not GSO trains (see {@link #commit}). */
    public long oversizedFrames() {
        return oversizedFrames;
    }

    /** Flushes whose sendto failed other than for a full socket buffer. */
    public long transmitErrors() {
        return transmitErrors;
    }

    /** The errno of the last such failure, 0 when none. */
    public int lastTransmitErrno() {
        return lastTransmitErrno;
    }

    /** Errors the socket reported while waiting (SO_ERROR: the interface went down, say). */
    public long socketErrors() {
        return socketErrors;
    }

    /** The kernel's counts since the last call (PACKET_STATISTICS, cleared on read). */
    public AfPacketStatistics statistics() throws SystemCallException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(call);
            MemorySegment value = call.allocate(AfPacketStatistics.BYTES, 4);
            MemorySegment length = call.allocateFrom(ValueLayout.JAVA_INT, AfPacketStatistics.BYTES);
            if (SocketOptions.getsockopt(state, fd, IfPacket.SOL_PACKET, IfPacket.PACKET_STATISTICS, value, length) != 0) {
                throw new SystemCallException("getsockopt(PACKET_STATISTICS) on " + name, Errno.get(state));
            }
            return AfPacketStatistics.read(value);
        }
    }

    /** The fanout argument this port's group has (id | (mode | flags) &lt;&lt; 16), 0 when in none. */
    int fanoutArgument() throws SystemCallException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.allocateState(call);
            MemorySegment value = call.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = call.allocateFrom(ValueLayout.JAVA_INT, Integer.BYTES);
            if (SocketOptions.getsockopt(state, fd, IfPacket.SOL_PACKET, IfPacket.PACKET_FANOUT, value, length) != 0) {
                throw new SystemCallException("getsockopt(PACKET_FANOUT) on " + name, Errno.get(state));
            }
            return value.get(ValueLayout.JAVA_INT, 0);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        try (Arena closing = Arena.ofConfined()) {
            SocketCalls.close(Errno.allocateState(closing), fd);
        }
    }

    @Override
    public String toString() {
        return "AfPacketPort[" + name + ", index " + interfaceIndex + ", mtu " + mtu + "]";
    }
}
