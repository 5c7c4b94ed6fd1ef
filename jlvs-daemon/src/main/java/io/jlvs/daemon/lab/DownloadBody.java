package io.jlvs.daemon.lab;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The lab's 100 MiB download, generated from its offsets: byte i is byte (i mod 8) of
 * splitmix64(i / 8), so the server streams it and the client checks it without either storing it.
 */
public final class DownloadBody {
    /** 100 MiB. */
    public static final long LENGTH = 100L << 20;
    private static final int CHUNK = 64 << 10;

    private DownloadBody() {
    }

    /** Fills buffer[from, from + length) with the body's bytes from offset on. */
    public static void fill(long offset, byte[] buffer, int from, int length) {
        long word = mix(offset >>> 3);
        for (int i = 0; i < length; i++) {
            long position = offset + i;
            int shift = (int) (position & 7);
            if (shift == 0 && i > 0) {
                word = mix(position >>> 3);
            }
            buffer[from + i] = (byte) (word >>> (shift * 8));
        }
    }

    /** The SHA-256 of the first length bytes of the body, in hex. */
    public static String sha256(long length) {
        MessageDigest digest = newDigest();
        byte[] chunk = new byte[CHUNK];
        for (long offset = 0; offset < length; offset += CHUNK) {
            int n = (int) Math.min(CHUNK, length - offset);
            fill(offset, chunk, 0, n);
            digest.update(chunk, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest (every JDK has one). */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** splitmix64's finalizer: every bit of the index reaches every bit of the word. */
    private static long mix(long index) {
        long z = index * 0x9E3779B97F4A7C15L + 0x6A09E667F3BCC909L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
