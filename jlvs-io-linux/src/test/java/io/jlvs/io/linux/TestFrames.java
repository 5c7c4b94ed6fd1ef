package io.jlvs.io.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Ethernet frames for the port tests: built as bytes, and read back from a received buffer. */
public final class TestFrames {
    /** IEEE 802 local experimental EtherType 1: nothing else on a test link uses it. */
    public static final int EXPERIMENTAL = 0x88b5;
    /** IPv4. */
    public static final int IPV4 = 0x0800;
    /** 802.1Q. */
    public static final int TPID_8021Q = 0x8100;
    /** 802.1ad (QinQ service tag). */
    public static final int TPID_8021AD = 0x88a8;

    private static final ValueLayout.OfShort BIG_ENDIAN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED
            .withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private TestFrames() {
    }

    /** An untagged frame of frameBytes: destination, source, EtherType, the sequence number, random bytes. */
    public static byte[] experimental(byte[] destination, byte[] source, int sequence, int frameBytes,
            RandomGenerator random) {
        ByteBuffer frame = ByteBuffer.allocate(frameBytes);
        frame.put(destination).put(source).putShort((short) EXPERIMENTAL).putInt(sequence);
        byte[] rest = new byte[frameBytes - 18];
        random.nextBytes(rest);
        return frame.put(rest).array();
    }

    /** The same frame with a VLAN tag (tpid, tci) after the source address. */
    public static byte[] tagged(byte[] untagged, int tpid, int tci) {
        return ByteBuffer.allocate(untagged.length + 4).put(untagged, 0, 12).putShort((short) tpid).putShort((short) tci)
                .put(untagged, 12, untagged.length - 12).array();
    }

    /** The EtherType after the MAC addresses (a tag's TPID when tagged). */
    public static int etherType(MemorySegment buffer, long offset) {
        return buffer.get(BIG_ENDIAN_SHORT, offset + 12) & 0xffff;
    }

    /** The source MAC address as text. */
    public static String source(MemorySegment buffer, long offset) {
        return HexFormat.ofDelimiter(":").formatHex(buffer.asSlice(offset + 6, 6).toArray(ValueLayout.JAVA_BYTE));
    }

    /** A MAC address as text. */
    public static String mac(byte[] address) {
        return HexFormat.ofDelimiter(":").formatHex(address);
    }

    /** Whether the frame carries EXPERIMENTAL, behind a tag or not. */
    public static boolean isExperimental(MemorySegment buffer, long offset, int length) {
        int type = etherType(buffer, offset);
        if (type == TPID_8021Q || type == TPID_8021AD) {
            return length >= 18 && (buffer.get(BIG_ENDIAN_SHORT, offset + 16) & 0xffff) == EXPERIMENTAL;
        }
        return type == EXPERIMENTAL;
    }
}
