package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * One request being written into a socket's send buffer: the header, the fixed part of the
 * message (written by the family's layout class at {@link #payload()}), then attributes appended
 * each at an aligned offset. {@link #length()} is the message's length so far.
 */
final class NetlinkRequest {
    private final MemorySegment buffer;
    private int seq;
    private int length;

    NetlinkRequest(MemorySegment buffer, int type, int flags, int seq, int fixedSize) {
        this.buffer = buffer;
        this.seq = seq;
        this.length = NetlinkMessageHeader.SIZE + NetlinkMessageHeader.align(fixedSize);
        buffer.asSlice(0, length).fill((byte) 0);
        NetlinkMessageHeader.write(buffer, 0, type, flags, seq);
        NetlinkMessageHeader.length(buffer, 0, length);
    }

    MemorySegment buffer() {
        return buffer;
    }

    /** Where the fixed part of the message goes. */
    long payload() {
        return NetlinkMessageHeader.SIZE;
    }

    int seq() {
        return seq;
    }

    /** Gives the request a new sequence number, to send it again. */
    void renumber(int newSeq) {
        seq = newSeq;
        NetlinkMessageHeader.seq(buffer, 0, newSeq);
    }

    int length() {
        return length;
    }

    NetlinkRequest bytes(int type, byte[] value) {
        long valueOffset = reserve(type, value.length);
        MemorySegment.copy(value, 0, buffer, ValueLayout.JAVA_BYTE, valueOffset, value.length);
        return this;
    }

    NetlinkRequest u32(int type, int value) {
        HostOrder.u32(buffer, reserve(type, Integer.BYTES), value);
        return this;
    }

    /** A NUL-terminated string, as IFNAME and LABEL attributes are. */
    NetlinkRequest string(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        long valueOffset = reserve(type, text.length + 1);
        MemorySegment.copy(text, 0, buffer, ValueLayout.JAVA_BYTE, valueOffset, text.length);
        HostOrder.u8(buffer, valueOffset + text.length, 0);
        return this;
    }

    /** Appends an attribute header and zeroed room for the value; returns the value's offset. */
    private long reserve(int type, int valueLength) {
        int attributeLength = RouteAttribute.SIZE + valueLength;
        int next = length + NetlinkMessageHeader.align(attributeLength);
        if (next > buffer.byteSize()) {
            throw new IllegalArgumentException("a netlink request of " + next + " bytes exceeds the send buffer of "
                    + buffer.byteSize());
        }
        buffer.asSlice(length, next - length).fill((byte) 0);
        RouteAttribute.write(buffer, length, type, valueLength);
        long valueOffset = length + RouteAttribute.SIZE;
        length = next;
        NetlinkMessageHeader.length(buffer, 0, length);
        return valueOffset;
    }
}
