package io.jlvs.io.linux.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attributes of one received message (or one nested attribute), found by type: the offset and
 * length of each value, read from the buffer while the message is still in it. Types above the
 * highest a reader asks for are skipped; the last of a repeated type wins.
 */
final class RouteAttributes {
    private final MemorySegment buffer;
    private final long[] offsets;
    private final int[] lengths;

    private RouteAttributes(MemorySegment buffer, int highestType) {
        this.buffer = buffer;
        this.offsets = new long[highestType + 1];
        this.lengths = new int[highestType + 1];
        Arrays.fill(offsets, -1);
    }

    /** The attributes in [from, to) of the buffer. */
    static RouteAttributes parse(MemorySegment buffer, long from, long to, int highestType) {
        RouteAttributes attributes = new RouteAttributes(buffer, highestType);
        long offset = from;
        while (offset + RouteAttribute.SIZE <= to) {
            int length = RouteAttribute.length(buffer, offset);
            if (length < RouteAttribute.SIZE || offset + length > to) {
                break; // a malformed tail: the kernel never sends one, and nothing past it can be trusted
            }
            int type = RouteAttribute.type(buffer, offset);
            if (type <= highestType) {
                attributes.offsets[type] = offset + RouteAttribute.SIZE;
                attributes.lengths[type] = length - RouteAttribute.SIZE;
            }
            offset += NetlinkMessageHeader.align(length);
        }
        return attributes;
    }

    boolean has(int type) {
        return offsets[type] >= 0;
    }

    int u32(int type) {
        return HostOrder.u32(buffer, offsets[type]);
    }

    byte[] bytes(int type) {
        return buffer.asSlice(offsets[type], lengths[type]).toArray(ValueLayout.JAVA_BYTE);
    }

    /** A NUL-terminated string value. */
    String string(int type) {
        byte[] value = bytes(type);
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }

    /** An IPv4 or IPv6 address value. */
    InetAddress address(int type) {
        try {
            return InetAddress.getByAddress(bytes(type));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("attribute " + type + " is not an IP address: " + lengths[type] + " bytes", e);
        }
    }

    /** The value as an unsigned 32-bit field, or the fallback when the message lacks it. */
    int u32(int type, int fallback) {
        return has(type) ? u32(type) : fallback;
    }

    /** The string value, or null when the message lacks it. */
    String stringOrNull(int type) {
        return has(type) ? string(type) : null;
    }

    /** The address value, or null when the message lacks it. */
    InetAddress addressOrNull(int type) {
        return has(type) ? address(type) : null;
    }

    /** The value as a link-layer address, or null when the message lacks it. */
    HardwareAddress hardwareAddressOrNull(int type) {
        return has(type) ? HardwareAddress.of(bytes(type)) : null;
    }

    /** The attributes nested in one. */
    RouteAttributes nested(int type, int highestType) {
        return parse(buffer, offsets[type], offsets[type] + lengths[type], highestType);
    }
}
