package io.jlvs.io.linux.netlink;

import java.util.Arrays;
import java.util.HexFormat;

/** A link-layer address as the kernel gives it: six bytes on Ethernet, other lengths on other links. */
public final class HardwareAddress {
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private final byte[] bytes;

    private HardwareAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address of these bytes (copied). */
    public static HardwareAddress of(byte[] bytes) {
        return new HardwareAddress(bytes.clone());
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (any number of bytes). */
    public static HardwareAddress parse(String text) {
        try {
            byte[] bytes = COLONS.parseHex(text);
            if (bytes.length > 0) {
                return new HardwareAddress(bytes);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a link-layer address (aa:bb:cc:dd:ee:ff): '" + text + "'", e);
        }
        throw new IllegalArgumentException("not a link-layer address (aa:bb:cc:dd:ee:ff): '" + text + "'");
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardwareAddress that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower-case hex bytes separated by colons, as ip prints them. */
    @Override
    public String toString() {
        return COLONS.formatHex(bytes);
    }
}
