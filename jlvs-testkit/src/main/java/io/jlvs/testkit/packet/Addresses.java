package io.jlvs.testkit.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Text to bytes and back for the addresses test packets carry (MAC, IPv4, IPv6 literals). */
public final class Addresses {
    private Addresses() {
    }

    /** "02:00:00:00:00:01" to 6 bytes. */
    public static byte[] mac(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address (six hex bytes with colons): " + text);
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    /** The low 48 bits of a long holding a MAC, as the flyweights carry it. */
    public static long macLong(String text) {
        long value = 0;
        for (byte b : mac(text)) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }

    /** An IPv4 or IPv6 literal to its 4 or 16 bytes (no name lookups). */
    public static byte[] ip(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }

    /** An IPv4 literal as a big-endian int. */
    public static int ipv4Word(String literal) {
        byte[] bytes = ip(literal);
        if (bytes.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + literal);
        }
        return word(bytes, 0);
    }

    /** The big-endian 32-bit word at index of an address (IPv6: words 0 to 3). */
    public static int word(byte[] address, int index) {
        int at = index * 4;
        return (address[at] & 0xFF) << 24 | (address[at + 1] & 0xFF) << 16 | (address[at + 2] & 0xFF) << 8
                | address[at + 3] & 0xFF;
    }

    /** 6 bytes at offset as "02:00:00:00:00:01". */
    public static String macText(byte[] bytes, int offset) {
        return HexFormat.ofDelimiter(":").formatHex(bytes, offset, offset + 6);
    }

    /** 4 or 16 bytes at offset as an address literal (IPv6 compressed as Java prints it). */
    public static String ipText(byte[] bytes, int offset, int length) {
        byte[] address = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        try {
            String text = InetAddress.getByAddress(address).getHostAddress();
            return length == 16 ? compress(text) : text;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Java prints 2001:db8:0:0:0:0:0:1; RFC 5952 prints 2001:db8::1. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
