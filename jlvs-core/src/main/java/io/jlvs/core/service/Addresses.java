package io.jlvs.core.service;

import io.jlvs.core.model.AddressFamily;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Conversions between InetAddress and the four-word form the core hashes. */
public final class Addresses {
    private Addresses() {
    }

    /** Fills words (length 4) with the address; IPv4 fills word 0 and zeroes the rest. */
    public static void toWords(InetAddress address, int[] words) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            for (int i = 0; i < 4; i++) {
                words[i] = word(b, i * 4);
            }
        } else {
            words[0] = word(b, 0);
            words[1] = words[2] = words[3] = 0;
        }
    }

    /** The four-word form of an address. */
    public static int[] words(InetAddress address) {
        int[] words = new int[4];
        toWords(address, words);
        return words;
    }

    /** The address back from its words. */
    public static InetAddress fromWords(AddressFamily family, int[] words) {
        int n = family == AddressFamily.INET6 ? 4 : 1;
        byte[] b = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            b[i * 4] = (byte) (words[i] >>> 24);
            b[i * 4 + 1] = (byte) (words[i] >>> 16);
            b[i * 4 + 2] = (byte) (words[i] >>> 8);
            b[i * 4 + 3] = (byte) words[i];
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static String format(AddressFamily family, int[] words) {
        return fromWords(family, words).getHostAddress();
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
