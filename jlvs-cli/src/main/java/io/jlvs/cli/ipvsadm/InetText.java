package io.jlvs.cli.ipvsadm;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Textual IP addresses exactly as glibc reads and writes them: inet_aton (with its octal, hex and
 * short forms), inet_pton for IPv6, and inet_ntop.
 */
public final class InetText {

    private InetText() {
    }

    /** glibc inet_aton: "a", "a.b", "a.b.c" or "a.b.c.d", each part decimal, 0octal or 0xhex. */
    public static Optional<Inet4Address> parseIpv4(String text) {
        long value = 0;
        long[] parts = new long[4];
        int count = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            if (i >= n || !isDigit(text.charAt(i))) {
                return Optional.empty();
            }
            int base = 10;
            if (text.charAt(i) == '0') {
                base = 8;
                i++;
                if (i < n && (text.charAt(i) == 'x' || text.charAt(i) == 'X')) {
                    base = 16;
                    i++;
                }
            }
            value = 0;
            while (i < n) {
                char c = text.charAt(i);
                int digit = Character.digit(c, base);
                if (c < 128 && digit >= 0 && (base != 8 || c < '8')) {
                    value = value * base + digit;
                    if (value > 0xFFFFFFFFL) {
                        return Optional.empty();
                    }
                    i++;
                } else {
                    break;
                }
            }
            if (i < n && text.charAt(i) == '.') {
                // a.b.c.d allows at most three dots, and each dotted part is a byte
                if (count >= 3 || value > 0xFF) {
                    return Optional.empty();
                }
                parts[count++] = value;
                i++;
                continue;
            }
            break;
        }
        // Anything after the number must start with white space (glibc ignores the rest).
        if (i < n && !isSpace(text.charAt(i))) {
            return Optional.empty();
        }
        long address;
        switch (count) {
            case 0 -> address = value;
            case 1 -> {
                if (value > 0xFFFFFFL) {
                    return Optional.empty();
                }
                address = parts[0] << 24 | value;
            }
            case 2 -> {
                if (value > 0xFFFFL) {
                    return Optional.empty();
                }
                address = parts[0] << 24 | parts[1] << 16 | value;
            }
            default -> {
                if (value > 0xFFL) {
                    return Optional.empty();
                }
                address = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | value;
            }
        }
        return Optional.of(ipv4((int) address));
    }

    /** glibc inet_pton(AF_INET, ...): exactly four decimal bytes without leading zeros. */
    public static Optional<byte[]> parseDottedQuad(String text) {
        byte[] out = new byte[4];
        int octets = 0;
        int value = 0;
        boolean sawDigit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (sawDigit && value == 0) {
                    return Optional.empty();
                }
                value = value * 10 + (c - '0');
                if (value > 255) {
                    return Optional.empty();
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return Optional.empty();
                    }
                    sawDigit = true;
                }
            } else if (c == '.' && sawDigit) {
                if (octets == 4) {
                    return Optional.empty();
                }
                out[octets - 1] = (byte) value;
                value = 0;
                sawDigit = false;
            } else {
                return Optional.empty();
            }
        }
        if (octets < 4 || !sawDigit) {
            return Optional.empty();
        }
        out[3] = (byte) value;
        return Optional.of(out);
    }

    /** glibc inet_pton(AF_INET6, ...): hex groups, one "::", an optional trailing dotted quad. */
    public static Optional<Inet6Address> parseIpv6(String text) {
        byte[] out = new byte[16];
        int n = text.length();
        int i = 0;
        if (n == 0) {
            return Optional.empty();
        }
        if (text.charAt(0) == ':') {
            if (n < 2 || text.charAt(1) != ':') {
                return Optional.empty();
            }
            i = 1;
        }
        int tp = 0;
        int colon = -1;
        int curtok = i;
        boolean sawXdigit = false;
        int value = 0;
        int digits = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            int hex = c < 128 ? Character.digit(c, 16) : -1;
            if (hex >= 0) {
                if (++digits > 4) {
                    return Optional.empty();
                }
                value = value << 4 | hex;
                sawXdigit = true;
                continue;
            }
            if (c == ':') {
                curtok = i + 1;
                if (!sawXdigit) {
                    if (colon >= 0) {
                        return Optional.empty();
                    }
                    colon = tp;
                    continue;
                } else if (i + 1 >= n) {
                    return Optional.empty();
                }
                if (tp + 2 > 16) {
                    return Optional.empty();
                }
                out[tp++] = (byte) (value >> 8);
                out[tp++] = (byte) value;
                sawXdigit = false;
                digits = 0;
                value = 0;
                continue;
            }
            if (c == '.' && tp + 4 <= 16) {
                Optional<byte[]> quad = parseDottedQuad(text.substring(curtok));
                if (quad.isEmpty()) {
                    return Optional.empty();
                }
                System.arraycopy(quad.get(), 0, out, tp, 4);
                tp += 4;
                sawXdigit = false;
                break;
            }
            return Optional.empty();
        }
        if (sawXdigit) {
            if (tp + 2 > 16) {
                return Optional.empty();
            }
            out[tp++] = (byte) (value >> 8);
            out[tp++] = (byte) value;
        }
        if (colon >= 0) {
            if (tp == 16) {
                return Optional.empty();
            }
            int moved = tp - colon;
            for (int k = 1; k <= moved; k++) {
                out[16 - k] = out[colon + moved - k];
                out[colon + moved - k] = 0;
            }
            tp = 16;
        }
        if (tp != 16) {
            return Optional.empty();
        }
        return Optional.of(ipv6(out));
    }

    /** glibc inet_ntop for either family: dotted quad, or RFC 5952-style IPv6 with embedded IPv4. */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
        }
        int[] words = new int[8];
        for (int k = 0; k < 8; k++) {
            words[k] = (b[2 * k] & 0xFF) << 8 | (b[2 * k + 1] & 0xFF);
        }
        // The longest run of zero words (at least two) becomes "::"; the first wins a tie.
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int k = 0; k < 8; k++) {
            if (words[k] == 0) {
                if (curBase < 0) {
                    curBase = k;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(46);
        for (int k = 0; k < 8; k++) {
            if (bestBase >= 0 && k >= bestBase && k < bestBase + bestLen) {
                if (k == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (k != 0) {
                sb.append(':');
            }
            if (k == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                sb.append(b[12] & 0xFF).append('.').append(b[13] & 0xFF).append('.')
                        .append(b[14] & 0xFF).append('.').append(b[15] & 0xFF);
                break;
            }
            sb.append(Integer.toHexString(words[k]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** An IPv4 address from its host-order value. */
    public static Inet4Address ipv4(int hostOrder) {
        byte[] b = {(byte) (hostOrder >>> 24), (byte) (hostOrder >>> 16), (byte) (hostOrder >>> 8), (byte) hostOrder};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IPv4 address from its four bytes. */
    public static Inet4Address ipv4(byte[] bytes) {
        return ipv4((bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF));
    }

    /** An IPv6 address from 16 bytes, kept IPv6 even when it is IPv4-mapped. */
    public static Inet6Address ipv6(byte[] bytes) {
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address as four host-order 32-bit words (an IPv4 address fills the first only). */
    public static int[] words(InetAddress address) {
        byte[] b = address.getAddress();
        int[] w = new int[4];
        for (int k = 0; k < b.length / 4; k++) {
            w[k] = (b[4 * k] & 0xFF) << 24 | (b[4 * k + 1] & 0xFF) << 16 | (b[4 * k + 2] & 0xFF) << 8 | (b[4 * k + 3] & 0xFF);
        }
        return w;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
